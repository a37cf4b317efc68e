import type { RunningStack } from '../../services/stack';

/** What a GraphQL request answered. */
export interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POSTs one GraphQL request and reads its answer. */
export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await response.json()) as Answer;
}

/**
 * Waits until no subgraph of the stack has sent a statement for 200 ms: a load run ends on
 * the client's side while the server still finishes the requests that were in flight.
 */
export async function settle(stack: RunningStack): Promise<void> {
  const total = () => [...stack.subgraphs.values()].reduce((sum, s) => sum + s.statements.count, 0);
  let last = total();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = total();
    if (now === last) return;
    last = now;
  }
}

/** SQL statements each subgraph of the stack sent while `work` ran. */
export async function statementsDuring(
  stack: RunningStack,
  work: () => Promise<unknown>,
): Promise<Record<string, number>> {
  const before = new Map([...stack.subgraphs].map(([name, s]) => [name, s.statements.count]));
  await work();
  return Object.fromEntries(
    [...stack.subgraphs].map(([name, s]) => [name, s.statements.count - before.get(name)!]),
  );
}

/** One statement a subgraph sent, as TypeORM logged it. */
export interface CapturedStatement {
  subgraph: string;
  sql: string;
  parameters: unknown[];
}

/**
 * The statements each subgraph sent while `work` ran, with their parameters: the stack's
 * statement counters see every query TypeORM sends, so they also record them meanwhile.
 */
export async function captureStatements(
  stack: RunningStack,
  work: () => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const captured: CapturedStatement[] = [];
  const restore: (() => unknown)[] = [];
  for (const [subgraph, running] of stack.subgraphs) {
    const counter = running.statements;
    // An own property over the class's method for a while; deleting it brings the method back.
    counter.logQuery = (sql?: string, parameters?: unknown[]) => {
      if (sql) captured.push({ subgraph, sql, parameters: parameters ?? [] });
      counter.count += 1; // what StatementCounter.logQuery does
    };
    restore.push(() => Reflect.deleteProperty(counter, 'logQuery'));
  }
  try {
    await work();
  } finally {
    for (const undo of restore) undo();
  }
  return captured;
}

/** What EXPLAIN ANALYZE says about one statement. */
export interface PlanSummary {
  subgraph: string;
  /** The statement, shortened. */
  sql: string;
  executionMs: number;
  /** Sequential scans that read more than 1,000 rows: `relation (rows read)`. */
  bigSeqScans: string[];
  /** The indexes the plan uses. */
  indexes: string[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/**
 * EXPLAIN ANALYZE of every captured read, run again on the subgraph's own database: its
 * execution time, the indexes it uses and the big sequential scans it does.
 */
export async function explain(stack: RunningStack, statements: CapturedStatement[]): Promise<PlanSummary[]> {
  const summaries: PlanSummary[] = [];
  for (const statement of statements) {
    if (!/^\s*(SELECT|WITH)\b/i.test(statement.sql)) continue;
    const dataSource = stack.subgraphs.get(statement.subgraph)!.dataSource;
    // EXPLAIN answers one row.
    const [row] = await dataSource.query<[{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }]>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`,
      statement.parameters,
    );
    const [plan] = row['QUERY PLAN'];
    const bigSeqScans: string[] = [];
    const indexes = new Set<string>();
    const walk = (node: PlanNode): void => {
      if (node['Index Name']) indexes.add(node['Index Name']);
      if (node['Node Type'] === 'Seq Scan') {
        const read =
          ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1);
        if (read > 1000) bigSeqScans.push(`${node['Relation Name']} (${Math.round(read)} rows)`);
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan.Plan);
    summaries.push({
      subgraph: statement.subgraph,
      sql: statement.sql.replace(/\s+/g, ' ').trim().slice(0, 160),
      executionMs: Math.round(plan['Execution Time'] * 100) / 100,
      bigSeqScans,
      indexes: [...indexes],
    });
  }
  return summaries;
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle];
  if (upper === undefined) return NaN; // no values
  // An even count of at least two has a value below the middle.
  return sorted.length % 2 ? upper : (sorted[middle - 1]! + upper) / 2;
}

import type { LoadResult } from './load';
import type { PlanSummary } from './measure';
import type { ScalePlan } from './scale-data';
import type { StartupResult } from './startup';
import type { PollingResult } from './polling';
import type { WebResult } from './web';

/** One operation's figures on one data set. */
export interface OperationResult extends LoadResult {
  /** CPU ms the gateway's own process spent per request under load, when it ran in one. */
  gatewayCpuMsPerRequest?: number;
  /** SQL statements per subgraph for one request on its own. */
  statements: Record<string, number>;
  /** SQL statements per subgraph per request while under load (identical requests in flight may share). */
  statementsUnderLoad: Record<string, number>;
}

/** A goal of the issue, judged on one run. */
export interface Goal {
  goal: string;
  value: string;
  target: string;
  met: boolean;
}

/** Everything one `npm run bench` measured (bench-results/latest.json). */
export interface BenchReport {
  when: string;
  machine: {
    cpus: number;
    model: string;
    memoryGb: number;
    node: string;
    database: 'embedded' | 'postgres';
    /** The 1-minute load average when the run started and when it ended. */
    loadAverage: [number, number];
  };
  settings: {
    connections: number;
    durationSeconds: number;
    entitiesDurationSeconds: number;
    rounds: number;
    smallProjects: number;
    scaleProjects: number;
  };
  dataSets: { small: ScalePlan; scale: ScalePlan };
  operations: {
    name: string;
    description: string;
    small: OperationResult;
    scale: OperationResult;
    /** p95 on the scale data set over p95 on the small one. */
    p95Ratio: number;
  }[];
  /** Statements per subgraph of the board with 10 and with 100 projects (scale data set). */
  pageSize: { page10: Record<string, number>; page100: Record<string, number> };
  entities: {
    subgraph: string;
    typename: string;
    /**
     * Each figure the median of the rounds; `sqlMs`: the execution time EXPLAIN ANALYZE
     * reports for the request's statements.
     */
    one: LoadResult & { statements: number; sqlMs: number };
    hundred: LoadResult & { statements: number; sqlMs: number };
    /** p50 of ×1 and of ×100 in each round. */
    p50Rounds: [number, number][];
    p50Ratio: number;
  }[];
  gateways:
    | {
        operation: string;
        description: string;
        /** The other gateway: `untuned` (the shipped one with its tunings off) or `Hive Gateway`. */
        against: string;
        rounds: { tuned: OperationResult; other: OperationResult }[];
        /** Median req/s of the shipped gateway over the other one's. */
        rpsRatio: number;
        /** Median p95 of the shipped gateway over the other one's. */
        p95Ratio: number;
      }[]
    | null;
  /** EXPLAIN ANALYZE of each read's statements on the scale data set. */
  plans: Record<string, PlanSummary[]>;
  startup: StartupResult | null;
  /** An idle gateway polling the subgraphs: the stalls its polls cause. */
  polling: PollingResult | null;
  /** The web app: JS per route (gzipped) and the board's first render on the scale data set. */
  web: WebResult | null;
  goals: Goal[];
}

const SUBGRAPHS = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];
const SHORT: Record<string, string> = {
  institutes: 'ins',
  enterprises: 'ent',
  'pilot-bases': 'pb',
  funds: 'fun',
  alliance: 'all',
};

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const statementsOf = (counts: Record<string, number>) => SUBGRAPHS.map((s) => counts[s] ?? 0).join('/');

/** Prints the run as tables: operations, ratios, gateways, plans, startup, goals. */
export function printReport(report: BenchReport): void {
  const { settings, machine } = report;
  console.log(
    `\n${machine.cpus} × ${machine.model}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.database} database; ` +
      `${settings.connections} connections, ${settings.durationSeconds} s per run; ` +
      `load average ${machine.loadAverage.map((l) => l.toFixed(2)).join(' → ')}`,
  );
  // A --web-only run has no operations, pages or plans: print only what it measured.
  if (report.operations.length) printServer(report);
  printEntities(report);
  printWeb(report);
  printGoals(report);
}

function printEntities(report: BenchReport): void {
  if (!report.entities.length) return;
  console.log(
    `\n_entities straight to each subgraph, 1 vs 100 representations (1 connection; ` +
      `median of ${report.settings.rounds} alternating rounds of ${report.settings.entitiesDurationSeconds} s)\n`,
  );
  console.log(
    table(
      [
        'subgraph',
        'type',
        'p50 ×1',
        'p50 ×100',
        'ratio',
        'ratio per round',
        'p95 ×1',
        'p95 ×100',
        'SQL ms ×1/×100',
        'statements ×1/×100',
      ],
      report.entities.map((e) => [
        e.subgraph,
        e.typename,
        ms(e.one.p50),
        ms(e.hundred.p50),
        e.p50Ratio.toFixed(2),
        e.p50Rounds.map(([one, hundred]) => (hundred / one).toFixed(2)).join(' '),
        ms(e.one.p95),
        ms(e.hundred.p95),
        `${e.one.sqlMs.toFixed(2)}/${e.hundred.sqlMs.toFixed(2)}`,
        `${e.one.statements}/${e.hundred.statements}`,
      ]),
    ),
  );
}

function printServer(report: BenchReport): void {
  const { settings } = report;
  console.log(`\nOperations (statements per request: ${SUBGRAPHS.map((s) => SHORT[s]).join('/')})\n`);
  console.log(
    table(
      ['operation', 'projects', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'fail', 'statements', 'p95 ×'],
      report.operations.flatMap((op) => [
        [
          op.name,
          settings.smallProjects,
          op.small.requestsPerSecond.toFixed(0),
          ms(op.small.p50),
          ms(op.small.p95),
          ms(op.small.p99),
          op.small.failures,
          statementsOf(op.small.statements),
          '',
        ],
        [
          '',
          settings.scaleProjects,
          op.scale.requestsPerSecond.toFixed(0),
          ms(op.scale.p50),
          ms(op.scale.p95),
          ms(op.scale.p99),
          op.scale.failures,
          statementsOf(op.scale.statements),
          op.p95Ratio.toFixed(2),
        ],
      ]),
    ),
  );

  console.log('\nBoard statements by page size (scale data set)\n');
  console.log(
    table(
      ['first', ...SUBGRAPHS, 'total'],
      (['page10', 'page100'] as const).map((page) => [
        page === 'page10' ? '10' : '100',
        ...SUBGRAPHS.map((s) => report.pageSize[page][s] ?? 0),
        Object.values(report.pageSize[page]).reduce((a, b) => a + b, 0),
      ]),
    ),
  );

  for (const g of report.gateways ?? []) {
    console.log(`\nShipped gateway vs ${g.against}, ${g.description}; alternating rounds (scale data set)\n`);
    console.log(
      table(
        [
          'round',
          'shipped req/s',
          'other req/s',
          'shipped p95',
          'other p95',
          'shipped stmts/req',
          'other stmts/req',
          'shipped CPU ms/req',
          'other CPU ms/req',
        ],
        g.rounds.map((r, i) => [
          i + 1,
          r.tuned.requestsPerSecond.toFixed(0),
          r.other.requestsPerSecond.toFixed(0),
          ms(r.tuned.p95),
          ms(r.other.p95),
          Object.values(r.tuned.statementsUnderLoad)
            .reduce((a, b) => a + b, 0)
            .toFixed(1),
          Object.values(r.other.statementsUnderLoad)
            .reduce((a, b) => a + b, 0)
            .toFixed(1),
          r.tuned.gatewayCpuMsPerRequest?.toFixed(2) ?? '–',
          r.other.gatewayCpuMsPerRequest?.toFixed(2) ?? '–',
        ]),
      ),
    );
    console.log(`  median req/s ratio ${g.rpsRatio.toFixed(2)}×, median p95 ratio ${g.p95Ratio.toFixed(2)}×`);
  }

  const planned = Object.entries(report.plans);
  if (planned.length) {
    console.log('\nEXPLAIN ANALYZE of the reads (scale data set): slowest statements\n');
    console.log(
      table(
        ['operation', 'subgraph', 'exec ms', 'big seq scans', 'indexes'],
        planned.flatMap(([name, plans]) =>
          [...plans]
            .sort((a, b) => b.executionMs - a.executionMs)
            .slice(0, 4)
            .map((p, i) => [
              i === 0 ? name : '',
              p.subgraph,
              p.executionMs.toFixed(2),
              p.bigSeqScans.join(', ') || '–',
              p.indexes.join(', ').slice(0, 70) || '–',
            ]),
        ),
      ),
    );
  }

  if (report.polling) {
    const p = report.polling;
    console.log(
      `\nIdle gateway polling every ${p.pollMs} ms for ${p.idleSeconds} s: ${p.polls} polls, ` +
        `${p.compositions} compositions, worst event-loop stall ${p.worstStallMs.toFixed(1)} ms ` +
        `(${p.baselineStallMs.toFixed(1)} ms for the same gateway idle without polling; ` +
        `one composition takes ${p.compositionMs.toFixed(0)} ms)`,
    );
  }
  if (report.startup) {
    console.log(
      `\nEmbedded npm start: first answer after ${(report.startup.firstAnswerMs / 1000).toFixed(1)} s ` +
        `(median of ${report.startup.firstAnswersMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s), ` +
        `RSS ${report.startup.rssMb} MB, ${report.startup.rssAfterLoadMb} MB after 200 queries`,
    );
  }
}

function printWeb(report: BenchReport): void {
  if (report.web) {
    console.log('\nWeb app: JavaScript loaded before each route first renders (web/dist, gzip -9)\n');
    console.log(
      table(
        ['route', 'chunks', 'kB', 'kB gzipped'],
        report.web.routes.map((r) => [
          r.route,
          r.files.length,
          (r.bytes / 1000).toFixed(1),
          (r.gzipBytes / 1000).toFixed(1),
        ]),
      ),
    );
    if (report.web.firstRender) {
      const render = report.web.firstRender;
      console.log(
        `\nBoard first render in Chromium (1280×800, cold cache), navigation start → ${render.cards} cards: ` +
          `${render.runsMs.join(', ')} ms; median ${render.medianMs} ms\n` +
          `  scripts loaded at ${render.scriptsLoadedMs.join(', ')} ms; the board's answer at ${render.apiAnsweredMs.join(', ')} ms`,
      );
    }
  }
}

function printGoals(report: BenchReport): void {
  console.log('\nGoals\n');
  console.log(
    table(
      ['goal', 'value', 'target', 'met'],
      report.goals.map((g) => [g.goal, g.value, g.target, g.met ? 'yes' : 'NO']),
    ),
  );
}

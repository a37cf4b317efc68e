import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Outcome } from './access-log';
import type { RequestRecord } from './request-context';

/**
 * Who may read `/metrics`: anyone (the embedded default, a private network), only a scraper
 * sending `Authorization: Bearer <METRICS_TOKEN>`, or nobody (production without a token).
 */
export type MetricsAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'off' };

/** At most this many operation names get a label of their own; the rest share `unknown`. */
export const MAX_OPERATION_LABELS = 100;

/** The label of operations without a name, that never resolved, or beyond the bound. */
export const UNKNOWN_OPERATION = 'unknown';

/**
 * One service's Prometheus metrics, in a registry of its own: the one-process stack runs six
 * servers in one process, and each must count only its own requests.
 *
 * Labels hold operation names, outcomes, error codes and subgraph names, never variable
 * values or ids. Operation names are chosen by clients, so only the first
 * MAX_OPERATION_LABELS names that resolved to an operation get a label; every other request
 * counts under `unknown`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests answered, by operation name and outcome (ok, error, aborted).',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from the request’s arrival to its answer having gone, by operation name.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL answers, by extensions.code.',
      labelNames: ['code'],
      registers: [this.registry],
    });
  }

  /** The label of an operation name (see the class comment). */
  operationLabel(name: string | undefined): string {
    if (!name) return UNKNOWN_OPERATION;
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return UNKNOWN_OPERATION;
    this.operations.add(name);
    return name;
  }

  /** Counts one answered request (shared/access-log.ts calls it once per request). */
  readonly requestFinished = (record: RequestRecord, outcome: Outcome, seconds: number): void => {
    const operation = this.operationLabel(record.operationName);
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation }, seconds);
    for (const code of record.errorCodes) this.errors.inc({ code });
  };

  /** `GET /metrics` in the Prometheus text format, as `access` allows. */
  handler(access: MetricsAccess): RequestHandler {
    return async (req, res) => {
      if (access.kind === 'off') {
        res.status(404).end();
        return;
      }
      if (access.kind === 'token' && !bearerMatches(req.get('authorization'), access.token)) {
        res.status(401).set('www-authenticate', 'Bearer').end();
        return;
      }
      res.set('content-type', this.registry.contentType).send(await this.registry.metrics());
    };
  }
}

/** The gateway's metrics: its requests, plus its fetches to subgraphs and its supergraph. */
export class GatewayMetrics extends ServiceMetrics {
  readonly fetchDuration: Histogram<'subgraph'>;
  readonly fetchErrors: Counter<'subgraph' | 'code'>;

  constructor(lastComposedAt: () => number | null) {
    super('gateway');
    this.fetchDuration = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Time of one gateway request to a subgraph, by subgraph.',
      labelNames: ['subgraph'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.fetchErrors = new Counter({
      name: 'gateway_subgraph_fetch_errors_total',
      help: 'Gateway requests to subgraphs answered with errors, once per request and code, by subgraph (SUBGRAPH_UNAVAILABLE when it did not answer).',
      labelNames: ['subgraph', 'code'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'gateway_supergraph_last_composition_timestamp_seconds',
      help: 'When the supergraph the gateway serves was last known current: composed, or found unchanged by a poll (Unix time); it stops advancing while polls fail.',
      registers: [this.registry],
      collect() {
        const at = lastComposedAt();
        if (at !== null) this.set(at / 1000);
      },
    });
  }
}

/** A connection pool's counts as node-postgres reports them. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** A subgraph's metrics: its requests, plus its database pool and statements. */
export class SubgraphMetrics extends ServiceMetrics {
  constructor(service: string, pool: () => PoolCounts | undefined, statements: () => number) {
    super(service);
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database connections of the subgraph’s pool: in_use, idle, and waiting (callers queued for one).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const counts = pool();
        if (!counts) return;
        this.set({ state: 'in_use' }, counts.totalCount - counts.idleCount);
        this.set({ state: 'idle' }, counts.idleCount);
        this.set({ state: 'waiting' }, counts.waitingCount);
      },
    });
    new Counter({
      name: 'db_statements_total',
      help: 'SQL statements the subgraph sent since it started.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(statements());
      },
    });
  }
}

/** Compares a bearer token in constant time (hashes first, so lengths do not leak either). */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

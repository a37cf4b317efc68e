import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { context, createContextKey, type Span } from '@opentelemetry/api';

/** The header that carries a request's id: from the client, back to it, and on to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A client's id is kept when it is one token of safe characters (letters, digits and
 * `._:-`), at most 128 long: it goes into log lines, response headers and other services'
 * requests, so nothing that could forge a log field, split a header or grow without bound.
 */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's request id if it is well formed, otherwise a new one. */
export function acceptRequestId(header: string | undefined): string {
  return header !== undefined && WELL_FORMED_ID.test(header) ? header : randomUUID();
}

/**
 * What one request is, as its access-log line and its metrics report it. Filled in as the
 * request goes: the id at arrival, the operation once parsed, the caller once verified, the
 * error codes at the answer.
 */
export interface RequestRecord {
  requestId: string;
  /** The trace this request belongs to, when tracing is on. */
  traceId?: string;
  /** Its HTTP server span, when tracing is on (the operation is named on it once known). */
  span?: Span;
  startedAt: bigint;
  operationName?: string;
  operationType?: string;
  /** The caller's organization (`institute:dicp`), never the token. */
  organization?: string;
  /** `extensions.code` of each error of the answer, in order. */
  errorCodes: string[];
  /** Where each error was and which log line holds its cause (a subgraph's errorId). */
  errors?: { code: string; path?: readonly (string | number)[]; errorId?: unknown; serviceName?: unknown }[];
  /** Gateway only: the subgraphs this request reached. */
  subgraphs?: Set<string>;
}

/**
 * Where the current request is kept: in a storage of our own, or, once tracing is on, in
 * OpenTelemetry's context beside the current span. Every AsyncLocalStorage in use costs on
 * every promise the process makes (Node 20 copies each one's store onto each new promise),
 * so with tracing on a second one would add a third to the CPU of a promise-heavy request;
 * one is enough for both (test/bench/tracing-overhead.ts, docs/operations.md).
 */
const storage = new AsyncLocalStorage<RequestRecord>();
const REQUEST = createContextKey('alliance-graph request');
let inTraceContext = false;

/**
 * Called by shared/tracing.ts as the SDK starts (with `true`: its context manager is an
 * AsyncLocalStorage) and stops. Requests begun before the switch keep their own storage.
 */
export function keepRequestsInTraceContext(on: boolean): void {
  inTraceContext = on;
}

/** Runs `work` (the rest of a request's handling) with `record` as the current request. */
export function withRequest<T>(record: RequestRecord, work: () => T): T {
  return inTraceContext
    ? context.with(context.active().setValue(REQUEST, record), work)
    : storage.run(record, work);
}

/** The request this code runs for, if any (a log line, a subgraph-to-subgraph call). */
export function currentRequest(): RequestRecord | undefined {
  return inTraceContext
    ? ((context.active().getValue(REQUEST) as RequestRecord | undefined) ?? storage.getStore())
    : storage.getStore();
}

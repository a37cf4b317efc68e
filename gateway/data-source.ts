import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { request, type Dispatcher } from 'undici';
import { errorCode, subgraphConnections, wasReset } from '../shared/http';
import { IDEMPOTENCY_KEY_HEADER } from '../shared/idempotency';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof, type Caller } from '../shared/identity';
import type { Logger } from '../shared/logger';
import type { GatewayMetrics } from '../shared/metrics';
import { currentRequest, REQUEST_ID_HEADER } from '../shared/request-context';
import { injectTraceContext } from '../shared/trace-context';
import type { SubgraphEntry } from '../shared/supergraph-config';
import { subgraphUnavailable } from './errors';

/** What the gateway knows about a request: who is calling, and the write's idempotency key. */
export interface GatewayContext {
  caller: Caller;
  /** The client's `Idempotency-Key` (shape checked), passed on with mutations only. */
  idempotencyKey?: string | null;
  /** The request's id (shared/request-context.ts), passed on to every subgraph it reaches. */
  requestId?: string;
}

export interface DataSourceOptions {
  /** Time limit of one subgraph request. */
  timeoutMs: number;
  /** Deduplicate identical in-flight queries (off only to measure what it buys). */
  tuned: boolean;
  log: Logger;
  /** Where fetch durations and errors are counted, by subgraph. */
  metrics?: GatewayMetrics;
}

/**
 * The gateway's connection to one subgraph. It signs the gateway's proof, with the verified
 * caller inside, onto every request; bounds each request in time so a slow subgraph yields
 * partial data, not a hang; and turns a failure to reach the subgraph into one safe error.
 *
 * Tuned, it also collapses identical queries in flight for the same caller into one
 * subgraph request (a dashboard polled by many clients asks the same thing at once). Every
 * subgraph request gets a proof of its own: a proof proves one request (the subgraph
 * refuses it a second time), so none is reused.
 */
export class ProvingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Identical queries in flight to this subgraph, and how many requests wait for each. */
  private readonly inFlight = new Map<string, { promise: Promise<Answer>; waiting: number }>();
  /** Failures after which the subgraph may have received (and acted on) the request. */
  private readonly mayHaveArrived = new WeakSet<GraphQLError>();

  constructor(
    private readonly subgraph: SubgraphEntry,
    /** Read for every proof (a `secretFile` may be rotated while the gateway runs). */
    private readonly secretOf: () => Uint8Array,
    private readonly options: DataSourceOptions,
  ) {
    super({ url: subgraph.url });
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const record = currentRequest();
    if (record) (record.subgraphs ??= new Set()).add(this.subgraph.name);
    const started = process.hrtime.bigint();
    const response = await this.answered(options);
    const metrics = this.options.metrics;
    if (metrics) {
      const subgraph = this.subgraph.name;
      metrics.fetchDuration.observe({ subgraph }, Number(process.hrtime.bigint() - started) / 1e9);
      // Once per fetch and code: a failed entity fetch has an error at every representation.
      const codes = new Set((response.errors ?? []).map((e) => e.extensions?.code));
      for (const code of codes)
        metrics.fetchErrors.inc({ subgraph, code: typeof code === 'string' ? code : 'UNKNOWN' });
    }
    return response;
  }

  private async answered(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await this.deduplicated(options);
    } catch (caught) {
      if (!(caught instanceof GraphQLError) || caught.extensions.code !== 'SUBGRAPH_UNAVAILABLE')
        throw caught;
      // A mutation that may have reached the subgraph may have been done: saying "not
      // reached" would invite a retry that does it twice.
      const error = isMutation(options) && this.mayHaveArrived.has(caught) ? this.outcomeUnknown() : caught;
      // Answer as the subgraph would have with errors: at the paths this fetch should have
      // filled, which the gateway maps onto the client's response.
      return {
        errors: failedPaths(options).map((path) => ({
          message: error.message,
          path,
          extensions: error.extensions,
        })),
      };
    }
  }

  private async deduplicated(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    // Serialized once: the request's body, and the key of identical queries in flight.
    const body = JSON.stringify({ query, variables, operationName, extensions });
    if (!this.options.tuned || isMutationText(query)) {
      const { response, cacheControl } = await this.sent(options, body);
      restrictCachePolicy(options, cacheControl);
      return response;
    }
    // The gateway passes headers of its own only to ask for a trace: a traced request shares with traced ones.
    const passed = options.request.http?.headers ? JSON.stringify([...options.request.http.headers]) : '';
    const key = `${callerKey(callerOf(options.context))}\n${passed}\n${body}`;
    let shared = this.inFlight.get(key);
    if (shared) {
      shared.waiting += 1;
    } else {
      // The entry leaves the map before its promise settles (the `finally` runs first), so
      // once it settles nobody joins and `waiting` counts every request that shares it.
      const promise = this.sent(options, body).finally(() => this.inFlight.delete(key));
      shared = { promise, waiting: 1 };
      this.inFlight.set(key, shared);
    }
    const { response, text, cacheControl } = await shared.promise;
    restrictCachePolicy(options, cacheControl);
    // The gateway merges into response objects, so no two requests may hold the same one:
    // each but the last to resume parses a copy of its own from the answer's text (half
    // what a structured clone of the parsed answer costs), and the last gets the original.
    // A request that shared with nobody (the usual case) copies nothing.
    shared.waiting -= 1;
    if (shared.waiting === 0) return response;
    return { ...(JSON.parse(text) as GatewayGraphQLResponse), http: response.http };
  }

  /**
   * One request to the subgraph as @apollo/gateway's RemoteGraphQLDataSource sends it: a POST
   * of `body` with the headers the gateway passes and those `willSendRequest` sets, read as
   * JSON, a failure made one safe error (`failed`). Done here rather than by Apollo's data
   * source, which would serialize the body again, build a node-fetch Request per fetch, and
   * go through Node's fetch (undici's WHATWG layer of streams, Request and Response objects)
   * where undici's own `request` does.
   */
  private async sent(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    body: string,
  ): Promise<Answer> {
    const headers = new Headers();
    for (const [name, value] of options.request.http?.headers ?? []) headers.append(name, value);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/graphql-response+json, application/json');
    options.request.http = { method: 'POST', url: this.url, headers };
    await this.willSendRequest(options);
    // One deadline for the request, a second attempt and the answer's body. Redirects are
    // not followed: a subgraph's URL is where its proofs go, and nowhere else.
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const post = () =>
      request(this.url, {
        method: 'POST',
        headers: Object.fromEntries(headers),
        body,
        signal,
        dispatcher: subgraphConnections,
      });
    try {
      let answered: Dispatcher.ResponseData;
      try {
        answered = await post();
      } catch (error) {
        // A read whose connection was reset before any answer is sent once more: the likely
        // cause is a kept-alive connection the subgraph closed just as the request went out
        // (its idle timer and the pool's race), and asking again changes nothing. A mutation
        // is never sent twice: it may have arrived and been done. A proof proves one
        // request, so the second gets its own.
        if (isMutationText(options.request.query) || !wasReset(error)) throw error;
        await this.willSendRequest(options);
        answered = await post();
      }
      const { statusCode: status, headers: raw, body: answer } = answered;
      const text = await answer.text();
      // As Apollo's: an HTTP error (a refused proof, a 5xx) with what the subgraph said, for the log.
      if (status < 200 || status > 299)
        throw new GraphQLError(`${status}: ${STATUS_CODES[status] ?? ''}`, {
          extensions: { response: { url: this.url, status, body: text } },
        });
      const type = String(raw['content-type'] ?? '');
      const parsed: unknown = JSON_TYPES.some((json) => type.startsWith(json)) ? JSON.parse(text) : text;
      if (typeof parsed !== 'object' || parsed === null)
        throw new Error(`Expected JSON response body, but received: ${text}`);
      // The answer's headers as Apollo's types have them, built only if someone reads them.
      let headers: Headers | undefined;
      const http = {
        status,
        get headers() {
          return (headers ??= headersOf(raw));
        },
      };
      const cacheControl = headerValue(raw['cache-control']);
      return { response: { ...(parsed as GatewayGraphQLResponse), http }, text, cacheControl };
    } catch (error) {
      this.failed(error as Error);
    }
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    request.http?.headers.set(GATEWAY_PROOF_HEADER, await this.proofFor(callerOf(context)));
    const requestId = (context as Partial<GatewayContext> | undefined)?.requestId;
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
    // Inside @apollo/gateway's fetch span: the subgraph's server span becomes its child.
    injectTraceContext((name, value) => request.http?.headers.set(name, value));
    const key = (context as Partial<GatewayContext> | undefined)?.idempotencyKey;
    if (key && isMutationText(request.query)) request.http?.headers.set(IDEMPOTENCY_KEY_HEADER, key);
  }

  /**
   * A subgraph that cannot be reached or does not answer in time becomes one error at the
   * paths it should have filled, with a stable code and without its URL or the cause.
   */
  private failed(error: Error): never {
    // A GraphQLError the subgraph sent passes. One the gateway made of an HTTP error status
    // (401 for a refused proof, 5xx…) carries the subgraph's URL and raw body in
    // `extensions.response`, and its code would blame the client's token: it is a subgraph
    // that did not answer, like a refused connection.
    if (error instanceof GraphQLError && !error.extensions.response) throw error;
    this.options.log.warn({ err: error, subgraph: this.subgraph.name }, 'subgraph request failed');
    const unavailable = this.unavailable();
    if (mayHaveArrived(error)) this.mayHaveArrived.add(unavailable);
    throw unavailable;
  }

  /** A mutation's outcome the gateway cannot know: the client retries with the same key. */
  private outcomeUnknown(): GraphQLError {
    return new GraphQLError(
      `The ${this.subgraph.name} service did not answer in time: the change may or may not have been made. ` +
        'Retry with the same Idempotency-Key to get its outcome without making it twice',
      { extensions: { code: 'OUTCOME_UNKNOWN', serviceName: this.subgraph.name } },
    );
  }

  /** The one error a client sees for this subgraph when it could not be asked. */
  private unavailable(): GraphQLError {
    return subgraphUnavailable(this.subgraph.name);
  }

  private async proofFor(caller: Caller): Promise<string> {
    return signGatewayProof(this.currentSecret(), this.subgraph.name, caller);
  }

  /** The secret as configured now; one that cannot be read makes the subgraph unavailable. */
  private currentSecret(): Uint8Array {
    try {
      return this.secretOf();
    } catch (error) {
      this.options.log.error({ err: error, subgraph: this.subgraph.name }, 'cannot read the subgraph secret');
      throw this.unavailable();
    }
  }
}

/**
 * Where a failed fetch's data would have gone: each root field, or for an entity fetch
 * the first field asked of each representation (`['_entities', i, field]`).
 */
function failedPaths(options: GraphQLDataSourceProcessOptions<GatewayContext>): (string | number)[][] {
  const document = parse(options.request.query ?? '{ __typename }');
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const rootFields =
    operation?.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD) ?? [];
  const entities = rootFields.find((f) => f.name.value === '_entities');
  if (!entities) return rootFields.map((f) => [f.alias?.value ?? f.name.value]);
  const firstField = (entities.selectionSet?.selections ?? [])
    .flatMap((s) => (s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet.selections : [s]))
    .find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
  const representations = (options.request.variables?.representations as unknown[] | undefined) ?? [];
  return representations.map((_, index) =>
    firstField
      ? ['_entities', index, firstField.alias?.value ?? firstField.name.value]
      : ['_entities', index],
  );
}

/** A subgraph's answer: parsed, as its text (for a sharer's copy), and its `cache-control`. */
interface Answer {
  response: GatewayGraphQLResponse;
  text: string;
  cacheControl: string;
}

/** Response headers as undici gives them, as the WHATWG Headers Apollo's types read. */
function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(name, headerValue(value));
  }
  return headers;
}

/** One header's value as WHATWG Headers joins it: repeated values separated by commas. */
function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * What the subgraph's `cache-control` header allows of the client's answer, as Apollo's data
 * source reads it: `max-age` (0 when absent), `public` or `private`. The member subgraphs send
 * none (so the answer is not cacheable); a partner's may.
 */
function restrictCachePolicy(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  cacheControl: string,
): void {
  // Only a client's operation has a policy: not a health check or a schema load.
  if (!('incomingRequestContext' in options)) return;
  // Typed `any` by Apollo: a CachePolicy of @apollo/server, which has `restrict`.
  const policy = options.incomingRequestContext.overallCachePolicy as
    { restrict?: (hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void } | undefined;
  if (!policy?.restrict) return;
  const directives = new Map<string, string | true>();
  for (const part of cacheControl.split(',')) {
    const [name, value] = part.split('=', 2).map((s) => s.trim());
    // As Apollo reads them: lower-case names only, so `Public, Max-Age=300` caches nothing.
    if (name) directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  policy.restrict({
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(directives.get('public') === true ? { scope: 'PUBLIC' as const } : {}),
    ...(directives.get('private') === true ? { scope: 'PRIVATE' as const } : {}),
  });
}

/** The content types Apollo reads an answer of as JSON (`RemoteGraphQLDataSource.parseBody`). */
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/** Failures that prove the request never reached the subgraph: refused, unresolvable, unproven. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_INVALID_ARG',
]);

/** Whether the subgraph may have received the request before this failure (a timeout, a 5xx…). */
function mayHaveArrived(error: Error): boolean {
  if (NOT_SENT_CODES.has(errorCode(error) ?? '')) return false;
  const status = (error as GraphQLError).extensions?.response as { status?: number } | undefined;
  // A refused proof (401/403) means the subgraph did nothing.
  return !(status?.status === 401 || status?.status === 403);
}

function isMutationText(query: string | undefined): boolean {
  return (query ?? '').trimStart().startsWith('mutation');
}

function isMutation(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  return isMutationText(options.request.query);
}

/** The gateway's own requests (health checks, SDL polls) carry no caller. */
function callerOf(context: unknown): Caller {
  return (context as Partial<GatewayContext> | undefined)?.caller ?? ANONYMOUS;
}

function callerKey(caller: Caller): string {
  return JSON.stringify([caller.subject, caller.organization, caller.roles]);
}

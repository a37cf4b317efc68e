import { GraphQLError } from 'graphql';
import { request } from 'undici';
import { subgraphConnections, wasReset } from './http';
import type { Caller } from './identity';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from './identity';
import { currentRequest, REQUEST_ID_HEADER } from './request-context';
import { injectTraceContext } from './trace-context';

/**
 * Reads entities that another member subgraph owns, through that subgraph's `_entities`,
 * as the gateway would: signed with the internal secret, on behalf of the caller (so what
 * the caller may not see counts as missing).
 *
 * A subgraph uses it to check a reference it is about to store (the alliance checks that
 * a project's achievement and lead enterprise exist) or to read a fact a rule needs (the
 * institute of a project's achievement), never to copy the other side's data.
 */
export class PeerClient {
  constructor(
    private readonly secret: Uint8Array,
    private readonly urlOf: (subgraph: string) => string | undefined,
    private readonly timeoutMs = 5_000,
  ) {}

  /**
   * The entities with these ids, selected with `selection` (GraphQL fields of `typename`,
   * e.g. `id institute { id }`), by id; an id the owner does not resolve is absent.
   */
  async entities<T extends { id: string }>(
    subgraph: string,
    typename: string,
    ids: string[],
    selection: string,
    caller: Caller,
  ): Promise<Map<string, T>> {
    // The caller's own view: a reference check is never passed on from an incoming request.
    const { referenceCheck: _passedOn, ...asCaller } = caller;
    return this.fetchEntities(subgraph, typename, ids, selection, asCaller);
  }

  private async fetchEntities<T extends { id: string }>(
    subgraph: string,
    typename: string,
    ids: string[],
    selection: string,
    caller: Caller,
  ): Promise<Map<string, T>> {
    if (ids.length === 0) return new Map();
    const data = await this.post<{ _entities?: (T | null)[] }>(
      subgraph,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id ${selection} } } }`,
      { r: ids.map((id) => ({ __typename: typename, id })) },
      caller,
    );
    // A null entity means "missing or hidden" only when the owner answered without errors:
    // a failing owner must not turn into NOT_FOUND for the caller.
    if (!data._entities) throw unavailable(subgraph);
    return new Map(data._entities.filter((e): e is T => e !== null).map((e) => [e.id, e]));
  }

  /**
   * Asks another member one of its internal (`@inaccessible`) root fields, as the caller, so
   * the owner's visibility rules apply: the search across the graph asks each owner for its
   * hits. Any error, or no answer in time, is SUBGRAPH_UNAVAILABLE. `document` is a query,
   * never a mutation: a lookup may be sent twice.
   */
  async query<T>(
    subgraph: string,
    document: string,
    variables: Record<string, unknown>,
    caller: Caller,
  ): Promise<T> {
    const { referenceCheck: _passedOn, ...asCaller } = caller;
    return this.post<T>(subgraph, document, variables, asCaller);
  }

  private async post<T>(
    subgraph: string,
    query: string,
    variables: Record<string, unknown>,
    caller: Caller,
  ): Promise<T> {
    const url = this.urlOf(subgraph);
    if (!url) throw unavailable(subgraph);
    // One deadline for both attempts and the answer's body.
    const signal = AbortSignal.timeout(this.timeoutMs);
    const body = JSON.stringify({ query, variables });
    const send = async () =>
      request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // A proof proves one request: a second attempt signs its own.
          [GATEWAY_PROOF_HEADER]: await signGatewayProof(this.secret, subgraph, caller),
          // The request this lookup serves keeps its id in the owner's log too.
          ...requestIdHeader(),
          ...traceHeaders(),
        },
        body,
        signal,
        dispatcher: subgraphConnections,
      });
    // Every peer lookup is a read, so one whose connection was reset before any answer (a
    // kept-alive connection the owner closed as the request went out) is asked once more.
    const response = await send()
      .catch((error: unknown) => {
        if (!wasReset(error)) throw error;
        return send();
      })
      .catch(() => {
        throw unavailable(subgraph);
      });
    // The body is always read to its end (or fails), so the connection goes back to the pool.
    const answer = (await response.body.json().catch(() => ({}))) as { data?: T | null; errors?: unknown[] };
    const ok = response.statusCode >= 200 && response.statusCode <= 299;
    if (!ok || answer.errors?.length || !answer.data) throw unavailable(subgraph);
    return answer.data;
  }

  /**
   * Like `entities`, as a reference check: the owner resolves every record that exists,
   * also those the caller may not see (a CONFIDENTIAL achievement the secretariat docks
   * into a project, or whose institute an expert's independence is checked against). Only
   * for facts a rule needs — existence and ownership — never to show the caller content.
   */
  references<T extends { id: string }>(
    subgraph: string,
    typename: string,
    ids: string[],
    selection: string,
    caller: Caller,
  ): Promise<Map<string, T>> {
    return this.fetchEntities<T>(subgraph, typename, ids, selection, { ...caller, referenceCheck: true });
  }

  /** The subset of `ids` that the owning subgraph resolves for this caller. */
  async existing(subgraph: string, typename: string, ids: string[], caller: Caller): Promise<Set<string>> {
    return new Set((await this.entities(subgraph, typename, ids, '', caller)).keys());
  }
}

/** The owning subgraph could not answer a lookup: the caller may retry, nothing was written. */
function unavailable(subgraph: string): GraphQLError {
  return new GraphQLError(`The ${subgraph} service did not answer; nothing was changed, try again`, {
    // Not `serviceName`: the gateway sets that to the subgraph that raised the error.
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', dependency: subgraph },
  });
}

function requestIdHeader(): Record<string, string> {
  const requestId = currentRequest()?.requestId;
  return requestId ? { [REQUEST_ID_HEADER]: requestId } : {};
}

/** The current trace's context, so the owner's spans join the caller's trace. */
function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  injectTraceContext((name, value) => (headers[name] = value));
  return headers;
}

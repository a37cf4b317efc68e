import type { GatewayPlugin } from '@graphql-hive/gateway';
import { OperationTypeNode } from 'graphql';
import { noteCaller } from '../../shared/access-log';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../../shared/idempotency';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof, type Caller } from '../../shared/identity';
import type { Logger } from '../../shared/logger';
import {
  acceptRequestId,
  REQUEST_ID_HEADER,
  withRequest,
  type RequestRecord,
} from '../../shared/request-context';
import type { Authenticate } from '../auth';
import { subgraphUnavailable } from '../errors';

/** What the alliance's plugins add to Hive Gateway's context of a request. */
export interface AllianceHiveContext {
  /** The verified caller (gateway/auth.ts), as the project's own gateway builds it. */
  caller: Caller;
}

export interface AlliancePluginOptions {
  /** The member-token check of the project's gateway (`tokenVerifier`, gateway/auth.ts). */
  authenticate: Authenticate;
  /** The secret shared with the subgraph of this name (gateway/secrets.ts `gatewaySecrets`). */
  secretOf: (subgraph: string) => Uint8Array;
  log: Logger;
}

/** The request record of each client request, so its response can carry the id. */
const records = new WeakMap<Request, RequestRecord>();

/** The current client request's record, as `currentRequest()` has it (for the error plugin). */
export function recordOf(request: Request): RequestRecord | undefined {
  return records.get(request);
}

/**
 * Who is calling and the proof to each subgraph, as the project's gateway does it
 * (gateway/server.ts, gateway/data-source.ts), on Hive Gateway:
 *
 * - the request id: the client's `x-request-id` when well formed (shared/request-context.ts
 *   `acceptRequestId`), else a new one; the request runs with it as the current request,
 *   so log lines carry it, the response echoes it and every subgraph fetch forwards it;
 * - the member token (`Authorization: Bearer …`) checked by `authenticate`; none is
 *   anonymous, a bad one is 401 UNAUTHENTICATED and no subgraph is asked;
 * - on every subgraph request, a new `x-alliance-gateway-proof` signed for that subgraph
 *   with the verified caller inside (`signGatewayProof`): a proof proves one request, so
 *   none is reused, and no two requests are collapsed into one; and a mutation's
 *   well-formed `Idempotency-Key`.
 */
export function alliancePlugin(options: AlliancePluginOptions): GatewayPlugin<AllianceHiveContext> {
  /** The secret as configured now; one that cannot be read makes the subgraph unavailable. */
  const secretFor = (subgraph: string): Uint8Array => {
    try {
      return options.secretOf(subgraph);
    } catch (error) {
      options.log.error({ err: error, subgraph }, 'cannot read the subgraph secret');
      throw subgraphUnavailable(subgraph);
    }
  };
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const record: RequestRecord = {
          requestId: acceptRequestId(request.headers.get(REQUEST_ID_HEADER) ?? undefined),
          startedAt: process.hrtime.bigint(),
          errorCodes: [],
        };
        records.set(request, record);
        return withRequest(record, wrapped);
      },
    },
    async onContextBuilding({ context, extendContext }) {
      const caller = await options.authenticate(context.request.headers.get('authorization') ?? undefined);
      noteCaller(caller);
      extendContext({ caller });
    },
    // Headers set here (Hive's header propagation does the same) are part of the key under
    // which Hive collapses identical subgraph requests in flight: headers set later, at the
    // fetch, are not, and two callers' identical requests would share one caller's answer.
    async onSubgraphExecute({ subgraphName, executionRequest }) {
      const context = executionRequest.context as Partial<AllianceHiveContext & { request: Request }>;
      const headers: Record<string, string> = {
        [GATEWAY_PROOF_HEADER]: await signGatewayProof(
          secretFor(subgraphName),
          subgraphName,
          context.caller ?? ANONYMOUS,
        ),
      };
      const record = context.request ? records.get(context.request) : undefined;
      if (record) {
        headers[REQUEST_ID_HEADER] = record.requestId;
        (record.subgraphs ??= new Set()).add(subgraphName);
      }
      const key = context.request?.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (
        key &&
        IDEMPOTENCY_KEY_PATTERN.test(key) &&
        executionRequest.operationType === OperationTypeNode.MUTATION
      )
        headers[IDEMPOTENCY_KEY_HEADER] = key;
      const extensions = (executionRequest.extensions ??= {}) as { headers?: Record<string, string> };
      extensions.headers = { ...extensions.headers, ...headers };
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (record) response.headers.set(REQUEST_ID_HEADER, record.requestId);
    },
  };
}

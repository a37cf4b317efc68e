import type { ApolloServerPlugin } from '@apollo/server';
import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { formatOrganization, type Caller } from './identity';
import type { Logger } from './logger';
import {
  acceptRequestId,
  currentRequest,
  REQUEST_ID_HEADER,
  withRequest,
  type RequestRecord,
} from './request-context';

/** How a request ended: answered without errors, answered with errors, or cut off. */
export type Outcome = 'ok' | 'error' | 'aborted';

/** Called once per request when its answer has gone (metrics hang off it). */
export type RequestFinished = (record: RequestRecord, outcome: Outcome, seconds: number) => void;

/**
 * The GraphQL endpoint's access log: exactly one line per request, when its answer has gone,
 * with the request id (the caller's when well formed, else a new one; also in the response's
 * `x-request-id`), the trace id, the operation's name and type, the caller's organization,
 * the duration, the HTTP status, the outcome and the errors' codes. Everything the request
 * logs on the way carries the same id (shared/logger.ts).
 */
export function accessLog(service: string, log: Logger, finished?: RequestFinished): RequestHandler {
  return (req, res, next) => {
    // The HTTP server span of this request, when tracing is on. The one-process stack runs
    // six servers under one `service.name`: name this one on its span, and the route (no
    // express instrumentation does: it cost a wrapper on every middleware).
    const span = getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
    if (span?.isRecording()) {
      const route = req.baseUrl || req.path;
      span.setAttributes({ 'alliance.service': service, 'http.route': route });
      span.updateName(`${req.method} ${route}`);
    }
    const record: RequestRecord = {
      span,
      requestId: acceptRequestId(req.get(REQUEST_ID_HEADER)),
      traceId: trace.getActiveSpan()?.spanContext().traceId,
      startedAt: process.hrtime.bigint(),
      errorCodes: [],
    };
    res.setHeader(REQUEST_ID_HEADER, record.requestId);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - record.startedAt) / 1e9;
      const outcome: Outcome = !res.writableFinished
        ? 'aborted'
        : record.errorCodes.length > 0 || res.statusCode >= 400
          ? 'error'
          : 'ok';
      log.info(
        {
          requestId: record.requestId,
          traceId: record.traceId,
          operationName: record.operationName,
          operationType: record.operationType,
          organization: record.organization,
          durationMs: Math.round(seconds * 1e4) / 10,
          status: res.statusCode,
          outcome,
          errorCodes: record.errorCodes.length > 0 ? record.errorCodes : undefined,
          errors: record.errors,
          subgraphs: record.subgraphs ? [...record.subgraphs] : undefined,
        },
        'request',
      );
      finished?.(record, outcome, seconds);
    });
    withRequest(record, next);
  };
}

/** Notes who is calling on the current request's record (its organization, never the token). */
export function noteCaller(caller: Caller): void {
  const record = currentRequest();
  if (record && caller.organization) record.organization = formatOrganization(caller.organization);
}

/**
 * Fills the access-log record from Apollo Server: the operation once resolved (an
 * operation that does not parse or validate has no name and no type), and the codes of the
 * errors in the answer.
 */
export function accessLogPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const record = currentRequest();
          if (!record) return;
          record.operationName = operationName ?? undefined;
          record.operationType = operation?.operation;
          // Which operation this server span served (GraphQL's semantic conventions).
          if (record.span?.isRecording() && operation)
            record.span.setAttributes({
              'graphql.operation.type': operation.operation,
              ...(operationName ? { 'graphql.operation.name': operationName } : {}),
            });
        },
        async willSendResponse({ response }) {
          const record = currentRequest();
          if (!record || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          record.errorCodes = errors.map(codeOf);
          if (errors.length > 0)
            record.errors = errors.map((e) => ({
              code: codeOf(e),
              path: e.path,
              errorId: e.extensions?.errorId,
              serviceName: e.extensions?.serviceName,
            }));
        },
      };
    },
  };
}

function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

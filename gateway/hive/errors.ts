import type { GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { isSafe } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { gatewayErrorFormatter, subgraphUnavailable } from '../errors';
import { recordOf } from './plugin';

export interface ErrorPluginOptions {
  log: Logger;
  /** The API schema served now: a refused enum value lists the allowed ones, as in the project's gateway. */
  schema: () => GraphQLSchema | undefined;
}

/**
 * The project's gateway's errors on Hive Gateway: every error of an answer passes the same
 * last line of masking (`gatewayErrorFormatter`, gateway/errors.ts, with Yoga's own masking
 * off so that nothing is masked twice), carries the request's id in `extensions.requestId`,
 * and keeps the HTTP status it was raised with: a client's mistake is 400 (Yoga's codes,
 * GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED, are Apollo Server's). A subgraph that
 * answers with an HTTP error status (a refused proof, a 5xx) is a subgraph that did not
 * answer: SUBGRAPH_UNAVAILABLE, its status and body only in the log.
 */
export function errorPlugin(options: ErrorPluginOptions): GatewayPlugin {
  const format = gatewayErrorFormatter(options.log, options.schema);
  return {
    onValidate({ validateFn, setValidationFn }) {
      // graphql-armor's envelop rules throw their refusal (depth, aliases) out of validation;
      // returned, it is a validation error like any other (Yoga gives it the code).
      setValidationFn((...args) => {
        try {
          return validateFn(...args) as readonly GraphQLError[];
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      });
    },
    onFetch({ executionRequest }) {
      const subgraph = executionRequest?.subgraphName;
      if (!subgraph) return;
      return async (fetched) => {
        const { response } = fetched;
        if (response.ok) return;
        options.log.warn(
          { subgraph, status: response.status, body: (await response.text()).slice(0, 500) },
          'subgraph request failed',
        );
        const body: ExecutionResult = { errors: [subgraphUnavailable(subgraph)] };
        fetched.setResponse(Response.json(body));
      };
    },
    onResultProcess(processing) {
      const { request, result } = processing;
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      const requestId = recordOf(request)?.requestId;
      const errors = result.errors.map((error): GraphQLError => {
        const raw: GraphQLError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
        const formatted = format(clientMistake(raw) ?? raw.toJSON(), raw);
        // Yoga reads the status from `http` and leaves it out of the body. Without `spec`,
        // which makes Yoga answer a client's mistake with 200 to `accept: application/json`,
        // the status is the project's gateway's: 400. An unexpected fault is a 500.
        const status = statusOf(raw.extensions.http) ?? (raw.extensions.unexpected ? 500 : undefined);
        const http = status ? { status } : undefined;
        const located = formatted.locations ? raw : undefined;
        return new GraphQLError(formatted.message, {
          source: located?.source,
          positions: located?.positions,
          path: formatted.path,
          extensions: {
            ...formatted.extensions,
            ...(requestId ? { requestId } : {}),
            ...(http ? { http } : {}),
          },
        });
      });
      processing.setResult({ ...result, errors });
    },
  };
}

function statusOf(http: unknown): number | undefined {
  const status = (http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A request Yoga refused before any GraphQL ran (CSRF, a content type it does not take), with
 * a 4xx status and no code of ours: the client's mistake, BAD_REQUEST as the project's
 * gateway says it, never masked as an internal error.
 */
function clientMistake(error: GraphQLError): GraphQLFormattedError | undefined {
  const status = statusOf(error.extensions.http);
  if (!status || status < 400 || status >= 500 || isSafe(error.extensions.code)) return undefined;
  return { message: error.message, extensions: { ...error.extensions, code: 'BAD_REQUEST' } };
}

import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../shared/logger';

/** The header that carries a request's id back to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every GraphQL request an id: in the `x-request-id` response header, in each
 * error's `extensions.requestId`, and in the gateway's log line for a request that ended
 * with errors (with their codes and the subgraphs' errorIds). A user quotes the id; the
 * operator finds the request, and through its errorIds the subgraph's log of the cause.
 */
export function requestIdPlugin(log: Logger): ApolloServerPlugin {
  return {
    async requestDidStart({ response }) {
      const requestId = randomUUID();
      response.http.headers.set(REQUEST_ID_HEADER, requestId);
      return {
        async willSendResponse({ response: sent, operationName }) {
          if (sent.body.kind !== 'single' || !sent.body.singleResult.errors) return;
          const errors: GraphQLFormattedError[] = sent.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId },
          }));
          sent.body.singleResult.errors = errors;
          log.info(
            {
              requestId,
              operationName,
              errors: errors.map((e) => ({
                code: e.extensions?.code,
                path: e.path,
                errorId: e.extensions?.errorId,
                serviceName: e.extensions?.serviceName,
              })),
            },
            'request answered with errors',
          );
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { currentRequest } from '../shared/request-context';

export { REQUEST_ID_HEADER } from '../shared/request-context';

/**
 * Puts the request's id (shared/access-log.ts gives every request one, in the
 * `x-request-id` response header too) into each error's `extensions.requestId`: a user
 * quotes it, and the operator finds the request's line in the gateway's log and in the log
 * of every subgraph it reached.
 */
export function requestIdPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response: sent }) {
          const requestId = currentRequest()?.requestId;
          if (!requestId || sent.body.kind !== 'single' || !sent.body.singleResult.errors) return;
          const errors: GraphQLFormattedError[] = sent.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId },
          }));
          sent.body.singleResult.errors = errors;
        },
      };
    },
  };
}

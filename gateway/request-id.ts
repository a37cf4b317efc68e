import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../shared/logger';

/** The header that carries a request's id back to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every request to the GraphQL endpoint its id in the `x-request-id` response header,
 * before Apollo Server sees it: an answer Apollo Server builds outside its request pipeline
 * (an unexpected fault, a refused token) carries the id too. `res.locals.requestId` holds it
 * for the context.
 */
export function assignRequestId(): RequestHandler {
  return (_req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  };
}

/**
 * Puts the request's id (assignRequestId) in each error's `extensions.requestId`, and in
 * the gateway's log line for a request that ended with errors (with their codes and the
 * subgraphs' errorIds). A user quotes the id; the operator finds the request, and through
 * its errorIds the subgraph's log of the cause.
 */
export function requestIdPlugin(log: Logger): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart({ contextValue }) {
      const requestId = contextValue.requestId ?? randomUUID();
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

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode } from 'graphql';

/**
 * Refuses, as the client's mistake it is (HTTP 400, `OPERATION_RESOLUTION_FAILURE`), a
 * document the gateway cannot pick one operation from — an `operationName` it does not
 * hold, or several operations and no name — and a subscription, which the gateway does
 * not serve (it answers single HTTP requests; the supergraph has no Subscription type).
 * Left to Apollo Server these reach the executor and come back as HTTP 500
 * INTERNAL_SERVER_ERROR, indistinguishable from a fault of ours.
 */
export function operationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) throw unresolved(unresolvedReason(document.definitions, request.operationName));
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw unresolved('Subscriptions are not supported: send a query or a mutation.');
          }
        },
      };
    },
  };
}

function unresolvedReason(
  definitions: readonly { kind: Kind; name?: { value: string } }[],
  operationName: string | undefined,
): string {
  const names = definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => d.name?.value)
    .filter((name): name is string => name !== undefined);
  if (operationName) {
    return `The document has no operation named "${operationName}"${
      names.length ? ` (it has ${names.map((n) => `"${n}"`).join(', ')})` : ''
    }.`;
  }
  return 'The document holds several operations: name the one to run in `operationName`.';
}

function unresolved(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
  });
}

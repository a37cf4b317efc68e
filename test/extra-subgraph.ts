import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';

export type ExtraSubgraph = { url: string; close: () => Promise<void> };

/**
 * A partner-like subgraph extending Project with one field, on an ephemeral port; `guard`
 * runs before it on every request (and may answer instead of it).
 */
export async function startExtraSubgraph(
  field: string,
  resolve: () => Promise<string>,
  guard?: express.RequestHandler,
): Promise<ExtraSubgraph> {
  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        "A project."
        type Project @key(fields: "id") {
          "Id."
          id: ID!
          "A report of the partner's."
          ${field}: String
        }
      `),
      resolvers: { Project: { [field]: resolve } },
    }),
  });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), ...(guard ? [guard] : []), expressMiddleware(server));
  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await server.stop();
      httpServer.close();
    },
  };
}

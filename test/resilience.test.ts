import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';
import { startFederation, type Federation } from './federation';

/**
 * When a subgraph fails — its database gone, or too slow — the others still answer, and
 * the client sees a code and a safe message, never SQL, a stack trace or a connection string.
 */
let federation: Federation;
let slow: { url: string; close: () => Promise<void> };

/** A subgraph that answers `Project.pilotReport` only after two seconds. */
async function startSlowSubgraph(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        "A project."
        type Project @key(fields: "id") {
          "Id."
          id: ID!
          "A report that takes long."
          pilotReport: String
        }
      `),
      resolvers: {
        Project: {
          pilotReport: async () => {
            await new Promise((resolve) => setTimeout(resolve, 2_000));
            return 'late';
          },
        },
      },
    }),
  });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server));
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

beforeAll(async () => {
  slow = await startSlowSubgraph();
  federation = await startFederation({
    subgraphTimeoutMs: 1_000,
    extraSubgraphs: () => [{ name: 'slow-reports', url: slow.url }],
  });
  // Only the slow subgraph (2 s) may miss the deadline: warm the members the tests reach, so
  // a first request's cold start on a loaded machine does not.
  await federation.query('{ project(id: "dmto-industrialization") { title achievement { title } } }');
});
afterAll(async () => {
  await federation.stop();
  await slow.close();
});

const LEAKS =
  /select|insert|postgres|pglite|typeorm|\bat \w+ \(|\/work\/|node_modules|ECONNREFUSED|127\.0\.0\.1/i;

test('a slow subgraph gives partial data and an error at its path, not a hung request', async () => {
  const response = await federation.query<{ project: { title: string; pilotReport: string | null } }>(
    '{ project(id: "dmto-industrialization") { title pilotReport } }',
  );
  expect(response.data?.project).toEqual({
    title: 'DMTO industrialization at Levima Advanced Materials',
    pilotReport: null,
  });
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  expect(response.errors?.[0].path).toEqual(['project', 'pilotReport']);
  expect(JSON.stringify(response.errors)).not.toMatch(LEAKS);
});

test("with a subgraph's database gone, its fields fail safely and the others still answer", async () => {
  await federation.stack.subgraphs.get('funds')!.dataSource.destroy();
  const response = await federation.query<{ project: { title: string; investments: unknown } }>(
    '{ project(id: "dmto-industrialization") { title achievement { title } investments { amount { amount } } } }',
  );
  expect(response.data?.project.title).toBe('DMTO industrialization at Levima Advanced Materials');
  expect(response.data?.project).toMatchObject({
    achievement: { title: 'DMTO: Dalian methanol-to-olefins technology' },
  });
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors ?? []) {
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('Internal server error');
    expect(typeof error.extensions?.errorId).toBe('string');
  }
  expect(JSON.stringify(response)).not.toMatch(LEAKS);
  // The funds subgraph is stopped by the harness too; give it a working DataSource back.
  await federation.stack.subgraphs.get('funds')!.dataSource.initialize();
});

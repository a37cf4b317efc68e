import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in subgraph for the tests of one describe block: `handle` answers on a free port
 * from the block's `beforeAll` to its `afterAll`. The function returned gives its URL.
 */
export function standInSubgraph(handle: RequestListener): () => string {
  const server = createServer(handle);
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return () => url;
}

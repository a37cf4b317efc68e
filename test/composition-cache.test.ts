import { startFederation, type Federation } from './federation';

/**
 * The one-process stack (`npm start`, every test file) keeps composed supergraphs on disk
 * (gateway/composition-cache.ts): a start whose members serve the SDLs of an earlier start
 * composes nothing, whatever ports either listened on.
 */
test("a second stack takes the members' supergraph from the cache and serves it", async () => {
  const started: Federation[] = [];
  try {
    for (let i = 0; i < 2; i += 1) started.push(await startFederation({ seed: false }));
    const [first, second] = started.map((f) => f.stack.gateway.supergraph);
    // The first may have composed (an SDL changed since `npm install`) or not; the second, on
    // other ports, did not.
    expect(first!.cache!.hits + first!.cache!.composed).toBe(1);
    expect(second!.cache).toMatchObject({ hits: 1, composed: 0 });
    expect(started[0]!.url).not.toBe(started[1]!.url);
    // Each gateway reaches all five subgraphs at their real URLs (not the stand-ins).
    for (const federation of started) {
      const response = await federation.query<Record<string, unknown>>(
        '{ projects { totalCount } enterprises { totalCount } funds { id } institutes { id } pilotBases { id } }',
      );
      expect(response.errors).toBeUndefined();
      expect(response.data).toMatchObject({ projects: { totalCount: 0 }, enterprises: { totalCount: 0 } });
    }
  } finally {
    for (const federation of started) await federation.stop();
  }
}, 120_000);

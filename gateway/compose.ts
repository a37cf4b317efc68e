import { readFileSync, writeFileSync } from 'node:fs';
import { environment } from '../shared/environment';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { configuredSecrets } from './secrets';
import { CompositionError, composeSupergraph, fetchSubgraphSdl } from './supergraph';

/**
 * `npm run compose [-- --out supergraph.graphql]`: composes the subgraphs of the supergraph
 * config (from their schema files, or from the running subgraph when an entry has none)
 * and writes the supergraph that Apollo Router and other Federation 2 gateways serve.
 */
async function main(): Promise<void> {
  const env = environment();
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : 'supergraph.graphql';
  const config = readSupergraphConfig(env.SUPERGRAPH_CONFIG);
  const secretOf = configuredSecrets(env);
  const sdls = await Promise.all(
    config.subgraphs.map(async (s) => ({
      name: s.name,
      url: s.url,
      sdl: s.schema ? readFileSync(s.schema, 'utf8') : await fetchSubgraphSdl(s, secretOf),
    })),
  );
  writeFileSync(out, composeSupergraph(sdls));
  console.log(`Composed ${sdls.length} subgraphs (${sdls.map((s) => s.name).join(', ')}) into ${out}`);
}

main().catch((error: unknown) => {
  if (error instanceof CompositionError) console.error(error.message);
  else console.error(`compose failed: ${(error as Error).message}`);
  process.exit(1);
});

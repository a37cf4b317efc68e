import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { environment } from '../shared/environment';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { readSchemaSource } from '../shared/type-defs';
import { configuredSecrets } from './secrets';
import { CompositionError, apiSchemaOf, composeSupergraph, fetchSubgraphSdl } from './supergraph';

/**
 * `npm run compose [-- --out supergraph.graphql] [--api-out schema/api.graphql]`: composes
 * the subgraphs of the supergraph config (from their schema files, or from the running
 * subgraph when an entry has none) and writes the supergraph that Apollo Router and other
 * Federation 2 gateways serve, and the API schema that clients generate their types from.
 */
async function main(): Promise<void> {
  const env = environment();
  const out = optionValue('--out') ?? 'supergraph.graphql';
  const apiOut = optionValue('--api-out') ?? 'schema/api.graphql';
  const config = readSupergraphConfig(env.SUPERGRAPH_CONFIG);
  const secretOf = configuredSecrets(env);
  const sdls = await Promise.all(
    config.subgraphs.map(async (s) => ({
      name: s.name,
      url: s.url,
      sdl: s.schema ? readSchemaSource(s.schema) : await fetchSubgraphSdl(s, secretOf),
    })),
  );
  const supergraph = composeSupergraph(sdls);
  writeFileSync(out, supergraph);
  mkdirSync(dirname(apiOut), { recursive: true });
  writeFileSync(apiOut, apiSchemaOf(supergraph) + '\n');
  console.log(
    `Composed ${sdls.length} subgraphs (${sdls.map((s) => s.name).join(', ')}) into ${out}; API schema in ${apiOut}`,
  );
}

/** The value after `flag` on the command line; undefined without the flag, an error when the value is missing. */
function optionValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined) throw new Error(`${flag} needs a file name after it`);
  return value;
}

main().catch((error: unknown) => {
  if (error instanceof CompositionError) console.error(error.message);
  else console.error(`compose failed: ${(error as Error).message}`);
  process.exit(1);
});

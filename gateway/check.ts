import { parseArgs } from 'node:util';
import { environment } from '../shared/environment';
import { parseSupergraphConfig, readSupergraphConfig } from '../shared/supergraph-config';
import { configuredSecrets } from './secrets';
import { checkSubgraph, formatCheckReport, loadSubgraphSdls, type SubgraphSdl } from './subgraph-check';
import { readSchemaSource } from '../shared/type-defs';
import { fetchSubgraphSdl } from './supergraph';

/** `npm run subgraph:check`: the command line of the check in ./subgraph-check/. */

const USAGE = `usage: npm run subgraph:check -- --name <subgraph> (--url <url> | --schema <file.graphql>)
         [--config supergraph.config.json] [--secret-env NAME]

Composes the candidate with the subgraphs of the config (their schema files, or their URLs)
and compares the API schema before and after. Exits 1 when the candidate does not compose
or breaks existing clients, 2 on a usage error. --secret-env names the environment variable
with the secret to fetch the candidate's SDL from --url (default: the entry's secretEnv, or
GATEWAY_SECRET).`;

/** `npm run subgraph:check`: parses the arguments, runs the check, prints the report. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      schema: { type: 'string' },
      config: { type: 'string' },
      'secret-env': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.name || (!values.url && !values.schema)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const env = environment();
  const config = readSupergraphConfig(values.config ?? env.SUPERGRAPH_CONFIG);
  const secretOf = configuredSecrets(env);
  const existing = config.subgraphs.find((s) => s.name === values.name);
  // Validated as a config entry would be, so a name the config would refuse is refused here.
  const [entry] = parseSupergraphConfig(
    {
      subgraphs: [
        {
          name: values.name,
          url: values.url ?? existing?.url ?? `http://${values.name}.invalid/graphql`,
          secretEnv: values['secret-env'] ?? existing?.secretEnv,
        },
      ],
    },
    'the candidate',
  ).subgraphs;
  const candidate: SubgraphSdl = {
    name: entry.name,
    url: entry.url,
    sdl: values.schema ? readSchemaSource(values.schema) : await fetchSubgraphSdl(entry, secretOf),
  };
  const report = await checkSubgraph(await loadSubgraphSdls(config, secretOf), candidate);
  console.log(formatCheckReport(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`subgraph check failed: ${(error as Error).message}`);
    process.exit(2);
  },
);

import { parseArgs } from 'node:util';
import { environment } from '../shared/environment';
import { parseSupergraphConfig, readSupergraphConfig } from '../shared/supergraph-config';
import { configuredSecrets } from './secrets';
import {
  checkConformance,
  checkSubgraph,
  formatCheckReport,
  formatConformanceReport,
  loadSubgraphSdls,
  type SubgraphSdl,
} from './subgraph-check';
import { readSchemaSource } from '../shared/type-defs';
import { fetchSubgraphSdl, UnreachableSubgraphError } from './supergraph';

/** `npm run subgraph:check`: the command line of the check in ./subgraph-check/. */

const USAGE = `usage: npm run subgraph:check -- --name <subgraph> (--url <url> | --schema <file.graphql>)
         [--config supergraph.config.json] [--secret-env NAME | --secret-file PATH] [--conformance]

Composes the candidate with the subgraphs of the config (their schema files, or their URLs),
compares the API schema before and after, and checks that the candidate describes every
type, field, argument, enum value and input field. Exits 1 when the candidate does not
compose, breaks existing clients, leaves something undescribed or (with --conformance)
fails a proof probe; 2 on a usage error.

--secret-env names the environment variable, --secret-file the file, holding the secret
shared with the candidate at --url (default: the entry's secretEnv or secretFile, or
GATEWAY_SECRET for a member).
--conformance (needs --url) first sends the running candidate the gateway's proof and the
proofs it must refuse (unsigned, forged, base64-decoded key, expired, issued in the future,
wrong audience, replayed…) and reports which it wrongly accepted.`;

/** `npm run subgraph:check`: parses the arguments, runs the check, prints the report. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      schema: { type: 'string' },
      config: { type: 'string' },
      'secret-env': { type: 'string' },
      'secret-file': { type: 'string' },
      conformance: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const usageError =
    !values.name || (!values.url && !values.schema)
      ? 'a --name and a --url or --schema are needed'
      : values.conformance && !values.url
        ? '--conformance probes a running subgraph: give its --url'
        : values['secret-env'] && values['secret-file']
          ? 'give --secret-env or --secret-file, not both'
          : undefined;
  if (values.help || usageError) {
    console.error(values.help ? USAGE : `subgraph check: ${usageError}\n\n${USAGE}`);
    return values.help ? 0 : 2;
  }
  const env = environment();
  const config = readSupergraphConfig(values.config ?? env.SUPERGRAPH_CONFIG);
  const secretOf = configuredSecrets(env);
  const existing = config.subgraphs.find((s) => s.name === values.name);
  // A secret named here replaces the entry's, whichever way the entry names it.
  const named = values['secret-env'] || values['secret-file'];
  // Validated as a config entry would be, so a name the config would refuse is refused here.
  // One entry in, one entry out: the parse throws rather than drop it.
  const entry = parseSupergraphConfig(
    {
      subgraphs: [
        {
          name: values.name,
          url: values.url ?? existing?.url ?? `http://${values.name}.invalid/graphql`,
          secretEnv: named ? values['secret-env'] : existing?.secretEnv,
          secretFile: named ? values['secret-file'] : existing?.secretFile,
        },
      ],
    },
    'the candidate',
  ).subgraphs[0]!;

  // Probed first, before any other request spends a proof; printed last, as the last word.
  const conformance = values.conformance ? await checkConformance(entry, secretOf(entry)) : undefined;
  const conforms = conformance?.ok ?? true;
  const conformanceText = conformance ? `\n\n${formatConformanceReport(conformance)}` : '';
  let sdl: string;
  try {
    sdl = values.schema ? readSchemaSource(values.schema) : await fetchSubgraphSdl(entry, secretOf);
  } catch (error) {
    // The conformance report says why a valid proof was refused; the schema check waits for it.
    if (!conforms && error instanceof UnreachableSubgraphError) {
      console.log(`Schema check skipped: ${error.message}\n${conformanceText}`);
      return 1;
    }
    throw error;
  }
  const candidate: SubgraphSdl = { name: entry.name, url: entry.url, sdl };
  const report = await checkSubgraph(await loadSubgraphSdls(config, secretOf), candidate);
  console.log(formatCheckReport(report) + conformanceText);
  return report.ok && conforms ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`subgraph check failed: ${(error as Error).message}`);
    process.exit(2);
  },
);

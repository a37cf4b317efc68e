import type { RequestHandler } from 'express';
import { GATEWAY_PROOF_HEADER, secretFrom, verifyGatewayProof } from '../shared/identity';
import type { SubgraphEntry } from '../shared/supergraph-config';
import { startExtraSubgraph, type ExtraSubgraph } from './extra-subgraph';
import { startFederation, type Federation } from './federation';

/**
 * A partner moves its secret from a variable to a file (a new secret, the same URL): at the
 * next poll the gateway proves itself with the secret the entry names now. Apollo keeps one
 * data source per name and URL, so the data source must not hold on to the first entry.
 */
const FROM_ENV = 'a-partner-secret-kept-in-a-variable-000';
const FROM_FILE = 'a-partner-secret-now-kept-in-a-file-111';

let federation: Federation;
let partner: ExtraSubgraph;
/** The secret the partner accepts proofs signed with. */
let accepted = FROM_ENV;
let entry: SubgraphEntry;

/** Answers only proofs signed with the accepted secret, as the partner's subgraph would. */
const checkProof: RequestHandler = (req, res, next) => {
  verifyGatewayProof(secretFrom(accepted), 'partner-notes', req.get(GATEWAY_PROOF_HEADER)).then(
    () => next(),
    () => void res.status(401).json({ errors: [{ message: 'not the gateway' }] }),
  );
};

beforeAll(async () => {
  partner = await startExtraSubgraph('partnerNote', async () => 'noted', checkProof);
  entry = { name: 'partner-notes', url: partner.url, secretEnv: 'PARTNER_NOTES_SECRET' };
  federation = await startFederation({
    pollMs: 300,
    extraSubgraphs: () => [entry],
    partnerSecrets: (e) =>
      e.secretEnv === 'PARTNER_NOTES_SECRET'
        ? FROM_ENV
        : e.secretFile === '/run/secrets/notes'
          ? FROM_FILE
          : undefined,
  });
});
afterAll(async () => {
  await federation?.stop();
  await partner?.close();
});

const NOTE = '{ project(id: "dmto-industrialization") { title partnerNote } }';

async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 200) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the gateway did not pick up the change');
}

test('a partner entry moved from secretEnv to secretFile answers after the next poll', async () => {
  const first = await eventually(async () => {
    const response = await federation.query<{ project: { partnerNote: string | null } }>(NOTE);
    return response.data?.project.partnerNote === 'noted' ? response : undefined;
  });
  expect(first.errors).toBeUndefined();

  accepted = FROM_FILE;
  entry = { name: 'partner-notes', url: partner.url, secretFile: '/run/secrets/notes' };

  const after = await eventually(async () => {
    const response = await federation.query<{ project: { partnerNote: string | null } }>(NOTE);
    return response.data?.project.partnerNote === 'noted' ? response : undefined;
  });
  expect(after.errors).toBeUndefined();
});

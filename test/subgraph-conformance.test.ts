import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { checkConformance, formatConformanceReport } from '../gateway/subgraph-check';
import { GATEWAY_PROOF_HEADER, ProofReplayGuard, verifyGatewayProof } from '../shared/identity';
import { startExtraSubgraph, type ExtraSubgraph } from './extra-subgraph';
import {
  runSubgraphCheck as run,
  startExamplePartner,
  stopExamplePartner,
  type RunningPartner,
} from './example-partner';

/**
 * The conformance kit (`npm run subgraph:check -- --url … --conformance`) against three
 * running partners: the example partner (examples/partner-subgraph, in its own process),
 * which conforms; one that accepts everything; and one that base64-decodes its secret, as a
 * Go or Java partner easily does, and so refuses the gateway's own proof.
 */
const SECRET = randomBytes(32).toString('base64url');
const KEY = new TextEncoder().encode(SECRET);

/** Every probe, in the order it is sent: the control, then what must be refused. */
const PROBES = [
  'valid',
  'replayed',
  'unsigned',
  'forged',
  'key-base64-decoded',
  'alg-none',
  'other-algorithm',
  'expired',
  'issued-in-the-future',
  'wrong-audience',
  'wrong-issuer',
  'overlong-lifetime',
  'no-jti',
];
const BAD_PROBES = PROBES.slice(1);

let example: RunningPartner;
let acceptsAll: ExtraSubgraph;
let decodesKey: ExtraSubgraph;
let dir: string;
let secretFile: string;

/** The mistake the docs warn of: the proof checked with the secret's base64url decoding as key. */
function base64DecodingGuard(name: string): RequestHandler {
  const wrongKey = new Uint8Array(Buffer.from(SECRET, 'base64url'));
  const replays = new ProofReplayGuard();
  return (req, res, next) => {
    verifyGatewayProof(wrongKey, name, req.get(GATEWAY_PROOF_HEADER), replays).then(
      () => next(),
      () =>
        res.status(401).json({
          errors: [
            {
              message: 'This service only answers the alliance gateway',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        }),
    );
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'conformance-'));
  secretFile = path.join(dir, 'partner-secret');
  // With the trailing newline an editor or `echo` leaves: the secret is the text without it.
  writeFileSync(secretFile, `${SECRET}\n`);
  [example, acceptsAll, decodesKey] = await Promise.all([
    startExamplePartner('PATENT_OFFICE_SECRET', SECRET),
    // No guard at all: it answers every request, whatever proof it carries or lacks.
    startExtraSubgraph('acceptsAllNote', async () => 'answered'),
    startExtraSubgraph('decodedKeyNote', async () => 'answered', base64DecodingGuard('decoded-key')),
  ]);
});
afterAll(async () => {
  await stopExamplePartner(example);
  await Promise.all([acceptsAll?.close(), decodesKey?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

test('the example partner accepts the gateway proof and refuses every bad one with 401 UNAUTHENTICATED', async () => {
  const report = await checkConformance({ name: 'patent-office', url: example.url }, KEY);

  expect(report.probes.map((p) => p.probe)).toEqual(PROBES);
  expect(report.probes[0]).toMatchObject({ outcome: 'accepted', answer: 'HTTP 200 with data', ok: true });
  for (const probe of report.probes.slice(1))
    expect(probe).toEqual(
      expect.objectContaining({
        expected: 'refused',
        outcome: 'refused',
        answer: 'HTTP 401, UNAUTHENTICATED',
        ok: true,
      }),
    );
  expect(report.probes.filter((p) => p.deviation)).toEqual([]);
  expect(report.ok).toBe(true);
  expect(formatConformanceReport(report)).toContain(
    "CONFORMS: patent-office accepted the gateway's proof and refused all 12 bad ones.",
  );
});

test('a partner that accepts everything fails on each probe, and the report names each', async () => {
  const report = await checkConformance({ name: 'accepts-all', url: acceptsAll.url }, KEY);

  expect(report.ok).toBe(false);
  expect(report.probes[0]).toMatchObject({ probe: 'valid', outcome: 'accepted', ok: true });
  expect(report.probes.slice(1).map((p) => [p.probe, p.outcome, p.ok])).toEqual(
    BAD_PROBES.map((name) => [name, 'accepted', false]),
  );
  const text = formatConformanceReport(report);
  for (const name of BAD_PROBES)
    expect(text).toMatch(new RegExp(`✗ ${name} +WRONGLY ACCEPTED: HTTP 200 with data`));
  expect(text).toContain(
    `NOT CONFORMING: accepts-all wrongly accepted 12 of 12 bad proofs: ${BAD_PROBES.join(', ')}.`,
  );
});

test("a partner that base64-decodes its secret refuses the gateway's proof: the control fails", async () => {
  const report = await checkConformance({ name: 'decoded-key', url: decodesKey.url }, KEY);

  expect(report.ok).toBe(false);
  expect(report.probes[0]).toMatchObject({ probe: 'valid', outcome: 'refused', ok: false });
  // With that key, the probe signed with the decoded secret is the one it accepts.
  expect(report.probes.filter((p) => p.outcome === 'accepted').map((p) => p.probe)).toEqual([
    'key-base64-decoded',
  ]);
  const text = formatConformanceReport(report);
  expect(text).toContain('✗ valid                 NOT ACCEPTED (refused): HTTP 401, UNAUTHENTICATED');
  expect(text).toContain(
    'NOT CONFORMING: decoded-key did not accept a valid proof (HTTP 401, UNAUTHENTICATED): is the key the UTF-8 bytes',
  );
});

describe('npm run subgraph:check -- --conformance', () => {
  test('passes the example partner and fails the accepting one, each reading its secret from --secret-file', async () => {
    const [passed, failed] = await Promise.all([
      run('--name', 'patent-office', '--url', example.url, '--secret-file', secretFile, '--conformance'),
      run('--name', 'accepts-all', '--url', acceptsAll.url, '--secret-file', secretFile, '--conformance'),
    ]);

    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain(
      "CONFORMS: patent-office accepted the gateway's proof and refused all 12 bad ones.",
    );
    expect(passed.stdout).toContain('ACCEPTED: patent-office composes and breaks no existing client.');
    // Federation's own `_entities` and `_service`, in the SDL a running subgraph reports, are not the partner's.
    expect(passed.stdout).not.toContain('_entities');

    expect(failed.code).toBe(1);
    for (const name of BAD_PROBES) expect(failed.stdout).toMatch(new RegExp(`✗ ${name} +WRONGLY ACCEPTED`));
    expect(failed.stdout).toContain('NOT CONFORMING: accepts-all wrongly accepted 12 of 12 bad proofs');
  });

  test('exits 2 naming the mistake: --conformance without --url, or two secrets', async () => {
    const [noUrl, twoSecrets] = await Promise.all([
      run('--name', 'patent-office', '--schema', 'examples/partner-subgraph/schema.graphql', '--conformance'),
      run('--name', 'patent-office', '--url', example.url, '--secret-env', 'X', '--secret-file', secretFile),
    ]);

    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('subgraph check: --conformance probes a running subgraph: give its --url');
    expect(twoSecrets.code).toBe(2);
    expect(twoSecrets.stderr).toContain('subgraph check: give --secret-env or --secret-file, not both');
  });
});

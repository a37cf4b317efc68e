import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GATEWAY_PROOF_HEADER, secretFrom, verifyGatewayProof } from '../shared/identity';
import { startExtraSubgraph, type ExtraSubgraph } from './extra-subgraph';
import { startFederation, type Federation } from './federation';

/**
 * A config entry that is not a member's and brings no secret of its own is refused in every
 * mode — the all-in-one stack (`npm start`) and the gateway alone (`gateway/main.ts`, the
 * docker-compose mode) — and receives no proof: it is never lent the members' secret, with
 * which it could forge proofs to them.
 */
const ROOT = path.resolve(__dirname, '..');

interface Recorder extends ExtraSubgraph {
  proofs: (string | undefined)[];
}

async function startRecorder(field: string): Promise<Recorder> {
  const proofs: (string | undefined)[] = [];
  const subgraph = await startExtraSubgraph(
    field,
    async () => 'answered',
    (req, _res, next) => {
      proofs.push(req.get(GATEWAY_PROOF_HEADER));
      next();
    },
  );
  return { ...subgraph, proofs };
}

async function readiness(graphqlUrl: string): Promise<{ name: string; ok: boolean }[]> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/ready'));
  return ((await response.json()) as { subgraphs: { name: string; ok: boolean }[] }).subgraphs;
}

async function graphql(url: string, query: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

let secretless: Recorder;
let withSecret: Recorder;
beforeAll(async () => {
  [secretless, withSecret] = await Promise.all([startRecorder('standInNote'), startRecorder('partnerNote')]);
});
afterAll(async () => {
  await Promise.all([secretless.close(), withSecret.close()]);
});

describe('the all-in-one stack (npm start)', () => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation({
      seed: false,
      extraSubgraphs: () => [{ name: 'stand-in', url: secretless.url }],
      partnerSecrets: () => null,
    });
  });
  afterAll(async () => {
    await federation.stop();
  });

  test('a secretless partner entry is refused and receives no proof; the members still answer', async () => {
    const answer = await graphql(federation.url, '{ institutes { id } }');
    const checks = await readiness(federation.url);

    expect(answer.errors).toBeUndefined();
    expect(checks).toContainEqual({ name: 'stand-in', ok: false, member: false });
    expect(secretless.proofs).toEqual([]);
  });
});

describe('the gateway alone (gateway/main.ts)', () => {
  let federation: Federation;
  let child: ChildProcess;
  let gatewayUrl: string;
  let dir: string;
  const partnerSecret = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    secretless.proofs.length = 0;
    federation = await startFederation({ seed: false });
    dir = mkdtempSync(path.join(tmpdir(), 'alliance-secrets-'));
    const members = [...federation.stack.subgraphs.values()].map((s) => ({ name: s.name, url: s.url }));
    writeFileSync(
      path.join(dir, 'supergraph.json'),
      JSON.stringify({
        subgraphs: [
          ...members,
          { name: 'stand-in', url: secretless.url },
          { name: 'partner', url: withSecret.url, secretEnv: 'PARTNER_PROOF_SECRET' },
        ],
      }),
    );
    child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'gateway/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATA_DIR: path.join(dir, 'data'),
        SUPERGRAPH_CONFIG: path.join(dir, 'supergraph.json'),
        GATEWAY_PORT: '0',
        SUPERGRAPH_POLL_MS: '0',
        GATEWAY_SECRET: federation.gatewaySecret,
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        PARTNER_PROOF_SECRET: partnerSecret,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gatewayUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      const collect = (chunk: Buffer): void => {
        output += chunk.toString();
        const url = /"url":"(http:\/\/[^"]+)"[^\n]*"gateway ready"/.exec(output)?.[1];
        if (url) resolve(url);
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${output}`)));
    });
    // A second process compiling the gateway with tsx: slow on a loaded machine.
  }, 180_000);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await federation.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a secretless partner entry is refused and receives no proof, though GATEWAY_SECRET is set', async () => {
    const answer = await graphql(gatewayUrl, '{ institutes { id } }');
    const checks = await readiness(gatewayUrl);

    expect(answer.errors).toBeUndefined();
    expect(checks).toContainEqual({ name: 'stand-in', ok: false, member: false });
    expect(secretless.proofs).toEqual([]);
  });

  test("a partner with its own secret gets proofs signed with it, never with the members' secret", async () => {
    const answer = await graphql(gatewayUrl, '{ project(id: "none") { id } }');
    expect(answer.errors).toBeUndefined();
    const proof = withSecret.proofs.find((p) => p !== undefined);
    expect(proof).toBeDefined();

    await expect(verifyGatewayProof(secretFrom(partnerSecret), 'partner', proof)).resolves.toBeDefined();
    await expect(
      verifyGatewayProof(secretFrom(federation.gatewaySecret), 'partner', proof),
    ).rejects.toThrow();
  });
});

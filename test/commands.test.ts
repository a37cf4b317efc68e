import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFederation, type Federation } from './federation';

/**
 * The developer commands a newcomer types: they either work or say plainly what is wrong.
 */

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function command(args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(TSX, args, { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run token', () => {
  let federation: Federation;
  let dataDir: string;
  let running = true;
  beforeAll(async () => {
    federation = await startFederation({ seed: false });
    dataDir = mkdtempSync(path.join(tmpdir(), 'token-'));
  });
  afterAll(async () => {
    if (running) await federation.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('says plainly when the running gateway holds another key', async () => {
    const port = new URL(federation.url).port;
    const outcome = await command(['gateway/token.ts', '--org', 'enterprise:levima'], {
      DATA_DIR: dataDir,
      GATEWAY_PORT: port,
    });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(outcome.stderr).toContain(`the gateway at http://127.0.0.1:${port}/graphql refuses this token`);
    expect(outcome.stderr).toContain('DATA_DIR');
  });

  test('prints only the token when no gateway answers', async () => {
    await federation.stop();
    running = false;
    const outcome = await command(['gateway/token.ts', '--org', 'enterprise:levima'], {
      DATA_DIR: dataDir,
      GATEWAY_PORT: new URL(federation.url).port,
    });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(outcome.stderr).toBe('');
  });
});

test('npm run start:subgraph names the subgraphs it can start', async () => {
  const outcome = await command(['services/subgraph.ts', 'nope'], {});
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain('one of institutes, enterprises, pilot-bases, funds, alliance');
});

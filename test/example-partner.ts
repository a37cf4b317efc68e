import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** The example partner subgraph running as its own process. */
export interface RunningPartner {
  process: ChildProcess;
  url: string;
}

/**
 * Starts `node examples/partner-subgraph/server.js` on a free port and waits for its URL.
 * It gets only what it reads — its secret under `secretEnv` —, running as an outsider would.
 */
export function startExamplePartner(secretEnv: string, secret: string): Promise<RunningPartner> {
  const child = spawn(process.execPath, [path.join(ROOT, 'examples/partner-subgraph/server.js')], {
    env: { PORT: '0', HOST: '127.0.0.1', [secretEnv]: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const [, url] = /subgraph ready at (\S+)/.exec(output) ?? [];
      if (url) resolve({ process: child, url });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) =>
      reject(new Error(`the example partner exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

/** Stops the partner (SIGTERM) and waits until it exited; nothing if it is not running. */
export async function stopExamplePartner(running: RunningPartner | undefined): Promise<void> {
  if (!running || running.process.exitCode !== null) return;
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  running.process.kill('SIGTERM');
  await exited;
}

/** `npm run subgraph:check -- …args`: its exit code and output. */
export function runSubgraphCheck(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'gateway/check.ts'), ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

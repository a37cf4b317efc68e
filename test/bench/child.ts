import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * Starts a TypeScript file of this folder (a `*-process.ts`) in a process of its own, hands it
 * `input` as JSON on stdin, and leaves its stderr on this process's.
 */
export function spawnBenchProcess(
  file: string,
  input: unknown,
  env: Record<string, string> = {},
): ChildProcessByStdio<Writable, Readable, null> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(input));
  return child;
}

/** Runs a `*-process.ts` of this folder to its end: its exit code and all it wrote on stdout. */
export async function runBenchProcess(
  file: string,
  input: unknown,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawnBenchProcess(file, input, env);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

/** In a `*-process.ts`: the plan its parent handed over on stdin (`spawnBenchProcess`). */
export async function readPlan<T>(): Promise<T> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return JSON.parse(input) as T;
}

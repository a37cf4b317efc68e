import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { board, FIRST_QUERY, METRICS } from './operations';
import { firstAnswer, spawnEmbeddedStack } from './startup';

/**
 * `npm run bench:replica`: what one replica of the stack answers per second on this
 * machine. The embedded default (`npm start`'s command, demo data) runs as its own process
 * tree; the load comes from autocannon in another process, so the generator does not
 * compete with the stack's event loop. Anonymous reads only: the README's first query, the
 * board of 50 and the dashboard, each for `--duration` seconds over 10 connections.
 */
const run = promisify(execFile);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

interface Figure {
  operation: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(
  url: string,
  operation: string,
  query: string,
  variables: object,
  seconds: number,
): Promise<Figure> {
  const body = JSON.stringify({ query, variables });
  const { stdout } = await run(
    process.execPath,
    [
      AUTOCANNON,
      '-c',
      '10',
      '-d',
      String(seconds),
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      body,
      '-n',
      '-j',
      url,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    operation,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[process.argv.indexOf('--duration') + 1]) || 10;
  const stack = await spawnEmbeddedStack();
  try {
    if (Number.isNaN(await firstAnswer(stack, FIRST_QUERY)))
      throw new Error('the stack did not answer within a minute');
    const reads: [string, string, object][] = [
      ['first query (DMTO project)', FIRST_QUERY, {}],
      ['board of 50, anonymous', board(50).query, { first: 50 }],
      ['dashboard (allianceMetrics)', METRICS.query, METRICS.variables],
    ];
    const figures: Figure[] = [];
    for (const [name, query, variables] of reads) {
      await measure(stack.url, name, query, variables, 2); // warm-up
      figures.push(await measure(stack.url, name, query, variables, seconds));
    }
    const load = os.loadavg()[0] ?? NaN;
    console.log(
      `\nOne replica of the embedded stack, ${os.cpus().length} cores, load average ${load.toFixed(2)}:\n`,
    );
    for (const f of figures) {
      console.log(
        `  ${f.operation.padEnd(30)} ${f.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms` +
          (f.non2xx || f.errors ? `  (${f.non2xx} non-2xx, ${f.errors} errors)` : ''),
      );
    }
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(
      path.join('bench-results', 'replica.json'),
      JSON.stringify({ when: new Date().toISOString(), load, figures }, null, 2),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:replica failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { signLocalToken } from '../../gateway/auth';
import { startChildStack } from '../child-stack';
import { board } from './operations';

/**
 * What seeing inside costs: the board (50 projects across every subgraph, on the demo data)
 * through `npm start` in a child process, in three modes alternated round by round — the
 * access log off (LOG_LEVEL=warn: the access log is the only line a request writes at
 * `info`), the access log on (the default), and tracing on as well, exporting OTLP/JSON to a
 * receiver in this process that only counts. Reported as req/s side by side and as ratios,
 * each round's ratio taken within the round (the machine's load drifts between rounds), and
 * as the stack's CPU time per request, which other work on a shared machine disturbs far
 * less than req/s (Linux: read from /proc).
 * `tsx test/bench/tracing-overhead.ts [seconds] [rounds]`
 */

type Mode = 'log off' | 'log on' | 'tracing on';
const MODES: Mode[] = ['log off', 'log on', 'tracing on'];

/** CPU seconds a process has used so far (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const CLOCK_TICKS = 100; // USER_HZ, 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const rounds = Number(process.argv[3] ?? 2);
  let exported = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exported += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const environmentOf: Record<Mode, Record<string, string>> = {
    'log off': { LOG_LEVEL: 'warn' },
    'log on': { LOG_LEVEL: 'info' },
    'tracing on': {
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    },
  };
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`load average at start: ${load()}`);
  const rps: Record<Mode, number>[] = [];
  const cpuMs: Record<Mode, number>[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const thisRound = {} as Record<Mode, number>;
    const thisRoundCpu = {} as Record<Mode, number>;
    // Each round starts with another mode: what runs first meets a different machine.
    const first = round % MODES.length;
    for (const mode of [...MODES.slice(first), ...MODES.slice(0, first)]) {
      const stack = await startChildStack({ env: environmentOf[mode] });
      try {
        const operation = board(50);
        const token = await signLocalToken(
          new TextEncoder().encode(stack.env.AUTH_SECRET),
          { subject: 'bench', organization: { type: 'alliance', id: 'secretariat' }, roles: ['VIEWER'] },
          'alliance-graph',
          'alliance-graph',
        );
        const body = JSON.stringify({ query: operation.query, variables: operation.variables });
        // Warm up, then measure.
        await autocannon({
          url: stack.url,
          method: 'POST',
          connections: 4,
          duration: 2,
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
        const pid = stack.processes[0]!.pid!;
        const cpuBefore = cpuSeconds(pid);
        const result = await autocannon({
          url: stack.url,
          method: 'POST',
          connections: 10,
          duration: seconds,
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`board failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
        thisRound[mode] = result.requests.average;
        thisRoundCpu[mode] = ((cpuSeconds(pid) - cpuBefore) * 1000) / result.requests.total;
        console.log(
          `round ${round + 1}, ${mode.padEnd(10)}: ${result.requests.average.toFixed(1)} req/s, p97.5 ${result.latency.p97_5} ms, ${thisRoundCpu[mode].toFixed(1)} ms CPU per request`,
        );
      } finally {
        await stack.stop();
      }
    }
    rps.push(thisRound);
    cpuMs.push(thisRoundCpu);
    console.log(
      `round ${round + 1}: req/s access log ${percent(thisRound['log on'] / thisRound['log off'])}, tracing ${percent(thisRound['tracing on'] / thisRound['log on'])}; ` +
        `CPU per request access log ${percent(thisRoundCpu['log on'] / thisRoundCpu['log off'])}, tracing ${percent(thisRoundCpu['tracing on'] / thisRoundCpu['log on'])}; load average ${load()}`,
    );
  }
  receiver.close();
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const summary = (what: string, of: Record<Mode, number>[]) => {
    const ratio = (on: Mode, off: Mode) => mean(of.map((r) => r[on] / r[off]));
    return (
      `board ${what}: ${MODES.map((m) => `${m} ${mean(of.map((r) => r[m])).toFixed(1)}`).join(', ')}; ` +
      `access log on/off ${ratio('log on', 'log off').toFixed(3)}, tracing on/off ${ratio('tracing on', 'log on').toFixed(3)}`
    );
  };
  console.log(summary('req/s', rps));
  console.log(summary('CPU ms per request', cpuMs));
  console.log(`(ratios: mean of ${rounds} rounds' own ratios; ${exported} OTLP exports received)`);
}

/** A ratio as the change in req/s it means: 0.97 → "-3.0 %". */
function percent(ratio: number): string {
  return `${((ratio - 1) * 100).toFixed(1)} %`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { signLocalToken } from '../../gateway/auth';
import { startChildStack, type ChildStack } from '../child-stack';
import { board } from './operations';

/**
 * What seeing inside costs: the board (41–50 projects across every subgraph, on the demo
 * data) through `npm start` in child processes, one stack per mode, all started first and
 * then loaded in turn for a few seconds each, round after round, the order rotating — so
 * every mode meets the same machine (on two shared cores its speed drifts by tens of per
 * cent within minutes; short interleaved turns cancel that out, where one long run per
 * mode measured the drift).
 *
 * Each connection asks its own page size, so no two requests in flight are the same: with
 * one identical board everywhere, the gateway's in-flight sharing answered several requests
 * with one subgraph request, and how many it shared changed with timing — the work per
 * request was not the same from mode to mode.
 *
 * Modes: the access log off (LOG_LEVEL=warn: the access log is the only line a request
 * writes at `info`), on (the default), tracing on with the default instrumentations
 * (shared/tracing.ts), tracing with every instrumentation, and tracing with 1 trace in 10
 * sampled — each exporting OTLP/JSON to a receiver in this process that only counts.
 * Reported as req/s and as the stack's CPU time per request (Linux: from /proc), the median
 * of the rounds, and as ratios of those medians.
 * `npm run bench:tracing -- [seconds per turn] [rounds] [modes, comma-separated]`
 */

const ALL_MODES = ['log off', 'log on', 'tracing on', 'every instrumentation', 'sampled 1 in 10'] as const;
type Mode = (typeof ALL_MODES)[number];

/** CPU seconds a process has used so far (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const CLOCK_TICKS = 100; // USER_HZ, 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const rounds = Number(process.argv[3] ?? 8);
  const modes = process.argv[4] ? process.argv[4].split(',').map((m) => m.trim()) : [...ALL_MODES];
  const unknown = modes.filter((m) => !(ALL_MODES as readonly string[]).includes(m));
  if (unknown.length)
    throw new Error(`unknown modes ${unknown.join(', ')}: pick from ${ALL_MODES.join(', ')}`);
  const MODES = modes as Mode[];
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
  const tracing = {
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  };
  const environmentOf: Record<Mode, Record<string, string>> = {
    'log off': { LOG_LEVEL: 'warn' },
    'log on': { LOG_LEVEL: 'info' },
    'tracing on': tracing,
    'every instrumentation': {
      ...tracing,
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,pg,undici,express,graphql',
    },
    'sampled 1 in 10': {
      ...tracing,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    },
  };
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`load average at start: ${load()}`);
  const operation = board(50);
  const stacks = new Map<Mode, ChildStack>();
  try {
    for (const mode of MODES) stacks.set(mode, await startChildStack({ env: environmentOf[mode] }));
    const loadOf = async (mode: Mode, duration: number) => {
      const stack = stacks.get(mode)!;
      const token = await signLocalToken(
        new TextEncoder().encode(stack.env.AUTH_SECRET),
        { subject: 'bench', organization: { type: 'alliance', id: 'secretariat' }, roles: ['VIEWER'] },
        'alliance-graph',
        'alliance-graph',
      );
      let connection = 0;
      return autocannon({
        url: stack.url,
        method: 'POST',
        connections: 10,
        duration,
        // Each connection its own page size (41–50): nothing for the gateway to share.
        setupClient: (client: { setBody: (body: string) => void }) =>
          client.setBody(
            JSON.stringify({ query: operation.query, variables: { first: 41 + (connection++ % 10) } }),
          ),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
    };
    // Warm up: a stack compiles its hot paths over its first few hundred boards (CPU per
    // request falls by a third over the first ~20 s of load).
    for (const mode of MODES) await loadOf(mode, 20);
    const rps: Record<Mode, number[]> = Object.fromEntries(MODES.map((m) => [m, []])) as never;
    const cpuMs: Record<Mode, number[]> = Object.fromEntries(MODES.map((m) => [m, []])) as never;
    for (let round = 0; round < rounds; round += 1) {
      // Each round starts with another mode.
      const first = round % MODES.length;
      for (const mode of [...MODES.slice(first), ...MODES.slice(0, first)]) {
        const pid = stacks.get(mode)!.processes[0]!.pid!;
        const cpuBefore = cpuSeconds(pid);
        const result = await loadOf(mode, seconds);
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`board failed (${mode}): ${result.non2xx} non-2xx, ${result.errors} errors`);
        rps[mode].push(result.requests.average);
        cpuMs[mode].push(((cpuSeconds(pid) - cpuBefore) * 1000) / result.requests.total);
      }
      console.log(
        `round ${round + 1}: ` +
          MODES.map((m) => `${m} ${rps[m].at(-1)!.toFixed(1)} req/s ${cpuMs[m].at(-1)!.toFixed(1)} ms`).join(
            ', ',
          ) +
          `; load average ${load()}`,
      );
    }
    // Each change is the median of the rounds' own ratios: a round's modes ran within half a
    // minute of each other, so a drift of the machine's speed over the run cancels out of each.
    const change = (values: Record<Mode, number[]>, mode: Mode, base: Mode) =>
      percent(median(values[mode].map((value, round) => value / values[base][round]!)));
    const row = (mode: Mode, base: Mode) =>
      `| ${mode.padEnd(21)} | ${median(rps[mode]).toFixed(1).padStart(6)} | ${change(rps, mode, base).padStart(8)} | ${median(cpuMs[mode]).toFixed(1).padStart(6)} | ${change(cpuMs, mode, base).padStart(8)} |`;
    console.log(
      `\nmedians of ${rounds} rounds of ${seconds} s; each change is the median of the rounds' ratios (tracing modes against "log on", "log on" against "log off")`,
    );
    console.log('| mode                  |  req/s |   change | CPU ms |   change |');
    // Each mode against the one it adds to, when this run measured that one: the log against
    // none, the tracing modes against the log; else against the first mode measured.
    const addsTo = (mode: Mode): Mode => (mode === 'log off' || mode === 'log on' ? 'log off' : 'log on');
    const baseOf = (mode: Mode): Mode => {
      const base = addsTo(mode);
      if (MODES.includes(base)) return base;
      return base === 'log off' ? mode : MODES[0]!;
    };
    for (const mode of MODES) console.log(row(mode, baseOf(mode)));
    console.log(`(${exported} OTLP exports received; load average at the end ${load()})`);
  } finally {
    for (const stack of stacks.values()) await stack.stop();
    receiver.close();
  }
}

/** A ratio as the change in req/s it means: 0.97 → "-3.0 %". */
function percent(ratio: number): string {
  return `${((ratio - 1) * 100).toFixed(1)} %`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

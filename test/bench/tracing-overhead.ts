import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { signLocalToken } from '../../gateway/auth';
import { startChildStack } from '../child-stack';
import { board } from './operations';

/**
 * Tracing's cost: the board (50 projects across every subgraph, on the demo data) through
 * `npm start` in a child process, tracing off and then on — exporting OTLP/JSON to a receiver
 * in this process that only counts — alternated, as req/s side by side.
 * `tsx test/bench/tracing-overhead.ts [seconds] [rounds]`
 */
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
  const results: { tracing: boolean; rps: number; p95: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const tracing of [false, true]) {
      const stack = await startChildStack({
        env: {
          LOG_LEVEL: 'info',
          ...(tracing
            ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }
            : {}),
        },
      });
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
        results.push({ tracing, rps: result.requests.average, p95: result.latency.p97_5 });
        console.log(
          `round ${round + 1}, tracing ${tracing ? 'on ' : 'off'}: ${result.requests.average.toFixed(1)} req/s, p97.5 ${result.latency.p97_5} ms`,
        );
      } finally {
        await stack.stop();
      }
    }
  }
  receiver.close();
  const mean = (on: boolean) => {
    const rps = results.filter((r) => r.tracing === on).map((r) => r.rps);
    return rps.reduce((a, b) => a + b, 0) / rps.length;
  };
  console.log(
    `board req/s: tracing off ${mean(false).toFixed(1)}, on ${mean(true).toFixed(1)} (${((mean(true) / mean(false) - 1) * 100).toFixed(1)} %); ${exported} OTLP exports received`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

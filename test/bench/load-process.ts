import autocannon from 'autocannon';
import { percentile, type LoadResult } from './load';
import { readPlan } from './child';

/**
 * The load generator, in a process of its own (test/bench/load.ts starts it): autocannon
 * and its bookkeeping then never run on the event loop being measured. Reads what to send
 * as JSON on stdin, writes a LoadResult as JSON on stdout.
 */
export interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  /** The bodies to send, in turn. */
  bodies: string[];
  /** Whether the bodies start over when used up (reads), or must not (writes: an error). */
  bodiesCycle: boolean;
  /** Headers added to each request, in turn, never twice (single-use proofs); none when empty. */
  headerSets: Record<string, string>[];
  connections: number;
  durationSeconds: number;
}

async function run(plan: LoadPlan): Promise<LoadResult & { exhausted: boolean }> {
  const latencies: number[] = [];
  let graphQLErrors = 0;
  let sent = 0;
  let exhausted = false;
  const next = <T>(list: T[], cycle: boolean): T => {
    if (!cycle && sent >= list.length) exhausted = true;
    return list[sent % list.length]!;
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...plan.headers },
        body: plan.bodies[0],
        connections: plan.connections,
        duration: plan.durationSeconds,
        requests: [
          {
            setupRequest: (request: autocannon.Request) => {
              const body = next(plan.bodies, plan.bodiesCycle);
              const headers = plan.headerSets.length > 0 ? next(plan.headerSets, false) : {};
              sent += 1;
              return { ...request, body, headers: { ...request.headers, ...headers } };
            },
            onResponse: (status, body) => {
              if (status === 200 && body.includes('"errors"')) graphQLErrors += 1;
            },
          },
        ],
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / plan.durationSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: result.errors + result.timeouts + result.non2xx + graphQLErrors,
    exhausted,
  };
}

async function main(): Promise<void> {
  process.stdout.write(JSON.stringify(await run(await readPlan<LoadPlan>())));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

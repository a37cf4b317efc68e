import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  body: string;
  /** For writes that must differ each time: the body of every request after the first. */
  nextBody?: () => string;
  headers?: Record<string, string>;
  /** For headers that must differ each time (a single-use proof): added to every request's headers. */
  nextHeaders?: () => Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and 2xx answers with GraphQL errors. */
  failures: number;
}

/** The q-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/**
 * POSTs one GraphQL request over and over from `connections` keep-alive connections for a
 * while (autocannon), and reports throughput and latency percentiles. Every response time
 * is kept, so p95 is exact rather than read off autocannon's fixed percentiles.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphQLErrors = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: options.body,
      connections: options.connections,
      duration: options.durationSeconds,
      requests: [
        {
          ...(options.nextBody || options.nextHeaders
            ? {
                setupRequest: (request: autocannon.Request) => ({
                  ...request,
                  ...(options.nextBody ? { body: options.nextBody() } : {}),
                  ...(options.nextHeaders
                    ? { headers: { ...request.headers, ...options.nextHeaders() } }
                    : {}),
                }),
              }
            : {}),
          onResponse: (status, body) => {
            if (status === 200 && body.includes('"errors"')) graphQLErrors += 1;
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / options.durationSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: result.errors + result.timeouts + result.non2xx + graphQLErrors,
  };
}

import parsePrometheusTextFormat, { type MetricFamily, type Sample } from 'parse-prometheus-text-format';
import { startFederation, type Federation } from './federation';

/**
 * `/metrics` of the gateway and of each subgraph in the Prometheus text format, read with a
 * Prometheus text-format parser after known traffic: 3 successful queries and 2 refused
 * with BAD_USER_INPUT.
 */

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ seed: false });
});
afterAll(async () => {
  await federation.stop();
});

/**
 * The families of a scrape. parse-prometheus-text-format 1.1 folds every labelled series of
 * a histogram into one; so each histogram is read a second time with its TYPE line taken
 * out, as the plain `_bucket`, `_sum` and `_count` series it is made of.
 */
async function scrape(graphqlUrl: string): Promise<MetricFamily[]> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const typed = parsePrometheusTextFormat(text);
  const histograms = typed.filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  const untypedText = text
    .split('\n')
    .filter((line) => !histograms.some((name) => line === `# TYPE ${name} histogram`))
    .join('\n');
  return [...typed, ...parsePrometheusTextFormat(untypedText).filter((f) => f.type === 'UNTYPED')];
}

function family(families: MetricFamily[], name: string): MetricFamily {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found;
}

/** The sample of `name` whose labels include `labels`, or undefined. */
function sample(families: MetricFamily[], name: string, labels: Record<string, string>): Sample | undefined {
  return family(families, name).metrics.find((m) =>
    Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
}

function value(families: MetricFamily[], name: string, labels: Record<string, string> = {}): number {
  const found = sample(families, name, labels);
  return found ? Number(found.value) : 0;
}

test('after 3 successful queries and 2 BAD_USER_INPUT, the gateway and the alliance count exactly those', async () => {
  const allianceUrl = federation.stack.subgraphs.get('alliance')!.url;
  for (let i = 0; i < 3; i += 1) {
    const ok = await federation.query('query Counted { projects(first: 1) { totalCount } }');
    expect(ok.errors).toBeUndefined();
  }
  for (let i = 0; i < 2; i += 1) {
    const refused = await federation.query('query Refused { projects(first: 0) { totalCount } }');
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  }

  const gateway = await scrape(federation.url);
  expect(family(gateway, 'graphql_requests_total').type).toBe('COUNTER');
  expect(value(gateway, 'graphql_requests_total', { operation: 'Counted', outcome: 'ok' })).toBe(3);
  expect(value(gateway, 'graphql_requests_total', { operation: 'Counted', outcome: 'error' })).toBe(0);
  expect(value(gateway, 'graphql_requests_total', { operation: 'Refused', outcome: 'error' })).toBe(2);
  expect(value(gateway, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(2);
  expect(family(gateway, 'graphql_request_duration_seconds').type).toBe('HISTOGRAM');
  expect(value(gateway, 'graphql_request_duration_seconds_count', { operation: 'Counted' })).toBe(3);
  expect(
    value(gateway, 'graphql_request_duration_seconds_bucket', { operation: 'Counted', le: '+Inf' }),
  ).toBe(3);
  expect(value(gateway, 'graphql_request_duration_seconds_sum', { operation: 'Counted' })).toBeGreaterThan(0);
  // Every request went to the alliance; the two refused came back with errors.
  expect(value(gateway, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'alliance' })).toBe(5);
  expect(value(gateway, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'funds' })).toBe(0);
  expect(
    value(gateway, 'gateway_subgraph_fetch_errors_total', { subgraph: 'alliance', code: 'BAD_USER_INPUT' }),
  ).toBe(2);
  const composedAt = value(gateway, 'gateway_supergraph_last_composition_timestamp_seconds');
  expect(composedAt).toBeGreaterThan(Date.now() / 1000 - 3600);
  expect(composedAt).toBeLessThanOrEqual(Date.now() / 1000);
  expect(value(gateway, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(sample(gateway, 'graphql_requests_total', { operation: 'Counted' })?.labels?.service).toBe(
    'gateway',
  );

  // The alliance counts the gateway's queries under the names the gateway gives them.
  const alliance = await scrape(allianceUrl);
  const names = family(alliance, 'graphql_requests_total').metrics.map((m) => m.labels?.operation);
  const countedName = names.find((n) => n?.startsWith('Counted__'))!;
  const refusedName = names.find((n) => n?.startsWith('Refused__'))!;
  expect(value(alliance, 'graphql_requests_total', { operation: countedName, outcome: 'ok' })).toBe(3);
  expect(value(alliance, 'graphql_requests_total', { operation: refusedName, outcome: 'error' })).toBe(2);
  expect(value(alliance, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(2);
  expect(value(alliance, 'db_statements_total')).toBeGreaterThan(0);
  for (const state of ['in_use', 'idle', 'waiting'])
    expect(sample(alliance, 'db_pool_connections', { state })).toBeDefined();
  expect(value(alliance, 'db_pool_connections', { state: 'waiting' })).toBe(0);

  // Each server its own registry, though the stack runs them in one process.
  const funds = await scrape(federation.stack.subgraphs.get('funds')!.url);
  const fundsNames = family(funds, 'graphql_requests_total').metrics.map((m) => m.labels?.operation);
  expect(fundsNames.some((n) => n?.startsWith('Counted') || n?.startsWith('Refused'))).toBe(false);
  expect(value(funds, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(0);
});

test('unnamed operations and ones that never resolve share the one label `unknown`; no value or id becomes a label', async () => {
  const before = value(await scrape(federation.url), 'graphql_requests_total', {
    operation: 'unknown',
    outcome: 'ok',
  });
  await federation.query('{ project(id: "secret-project-id-42") { id } }');
  await federation.query('query NeverParsed { projects(first: 1) { totalCount ');
  const after = await scrape(federation.url);
  expect(value(after, 'graphql_requests_total', { operation: 'unknown', outcome: 'ok' })).toBe(before + 1);
  expect(
    value(after, 'graphql_requests_total', { operation: 'unknown', outcome: 'error' }),
  ).toBeGreaterThanOrEqual(1);
  const text = await (await fetch(new URL('/metrics', federation.url))).text();
  expect(text).not.toContain('secret-project-id-42');
  expect(text).not.toContain('NeverParsed');
});

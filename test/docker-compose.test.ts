import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { metricsAccessOf, type Environment } from '../shared/environment';
import { tracingWanted } from '../shared/tracing';
import { startFederation } from './federation';

/**
 * docker-compose.yml, read as YAML (with its anchors merged): data survives `down`, the
 * demo data set comes back only when asked for, no password is written in the file, and
 * the observability profile watches every service with what the services really export.
 */
const ROOT = path.resolve(__dirname, '..');
const text = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  tmpfs?: string[];
  ports?: string[];
  expose?: string[];
  profiles?: string[];
  healthcheck?: { test?: string[] };
}
const compose = parse(text, { merge: true }) as {
  version?: unknown;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

/** The service `name`; the test fails naming it when docker-compose.yml has none. */
function serviceNamed(name: string): Service {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
}

const databases = Object.entries(compose.services).filter(([, s]) => s.image?.startsWith('postgres'));

test('there is no obsolete version key', () => {
  expect(compose).not.toHaveProperty('version');
});

test('the migrate step seeds the demo data only when SEED_DEMO_DATA says so, off by default', () => {
  const migrate = serviceNamed('migrate');
  expect(migrate.command).toEqual(['node', 'dist/services/seed.js']);
  expect(migrate.environment?.SEED_DEMO_DATA).toBe('${SEED_DEMO_DATA:-false}');
});

/** What `npm run build` compiles (tsconfig.build.json): the sources it takes, tests left out. */
const build = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
  include: string[];
};

test('every service of the image runs compiled JavaScript that the build makes, with node and no tsx', () => {
  const ours = Object.entries(compose.services).filter(([, s]) => s.image === 'alliance-graph:latest');
  expect(ours.map(([name]) => name).sort()).toEqual([
    'alliance',
    'enterprises',
    'funds',
    'gateway',
    'institutes',
    'migrate',
    'pilot-bases',
  ]);
  for (const [name, service] of ours) {
    const [node, script, ...rest] = service.command ?? [];
    expect({ name, node, rest }).toEqual({ name, node: 'node', rest: [] });
    // dist/services/funds/main.js is tsc's output of services/funds/main.ts.
    const source = /^dist\/(.+)\.js$/.exec(script ?? '')?.[1];
    expect({ name, script, compiled: source !== undefined }).toEqual({ name, script, compiled: true });
    expect(existsSync(path.join(ROOT, `${source}.ts`))).toBe(true);
    expect(build.include).toContain(source!.split('/')[0]);
    expect(service.build).toBe('.');
  }
  expect(text).not.toMatch(/\btsx\b/);
});

test('every PostgreSQL keeps its data in a named volume', () => {
  expect(databases.map(([name]) => name).sort()).toEqual([
    'alliance-db',
    'enterprises-db',
    'funds-db',
    'institutes-db',
    'pilot-bases-db',
  ]);
  for (const [, database] of databases) {
    const [volume] = database.volumes ?? [];
    expect(volume).toMatch(/^[a-z-]+:\/var\/lib\/postgresql\/data$/);
    // The named volume: what comes before the colon.
    expect(compose.volumes).toHaveProperty(volume?.replace(/:.*$/, '') ?? '');
  }
});

test('no password is written in the file: each comes from a variable without a default', () => {
  for (const [, database] of databases) {
    expect(database.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
  }
  for (const service of Object.values(compose.services)) {
    for (const [name, value] of Object.entries(service.environment ?? {})) {
      if (!name.endsWith('_DATABASE_URL')) continue;
      expect(decodeURIComponent(new URL(value).password)).toBe('${POSTGRES_PASSWORD}');
    }
  }
  // Nothing of the kind anywhere else in the file either.
  expect(text).not.toMatch(/PASSWORD:\s*['"]?[A-Za-z0-9]/);
  expect(text).not.toMatch(/postgres:\/\/[^:\s]+:(?!\$\{)[^@\s]+@/);
});

const OBSERVABILITY = ['grafana', 'jaeger', 'prometheus'];

/** The services that serve GraphQL (and /metrics): the gateway and the subgraphs, with the port each listens on. */
const servers = new Map(
  Object.entries(compose.services)
    .filter(([name, service]) => name !== 'migrate' && service.command?.[0] === 'node')
    .map(([name, service]) => [name, listeningPort(name, service)]),
);

/** The gateway listens on GATEWAY_PORT; a subgraph on the port of its URL in the supergraph config it is given. */
function listeningPort(name: string, service: Service): number {
  const env = service.environment ?? {};
  if (env.GATEWAY_PORT) return Number(env.GATEWAY_PORT);
  if (!env.SUPERGRAPH_CONFIG) throw new Error(`${name} has neither GATEWAY_PORT nor SUPERGRAPH_CONFIG`);
  const config = JSON.parse(readFileSync(path.join(ROOT, env.SUPERGRAPH_CONFIG), 'utf8')) as {
    subgraphs: { name: string; url: string }[];
  };
  return Number(new URL(config.subgraphs.find((s) => s.name === name)!.url).port);
}

/** docker-compose's interpolation of `${NAME}`, `${NAME:-default}` and `$$` with these variables. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\$|\$\{(\w+)(?::-([^}]*))?\}/g, (whole, name?: string, fallback?: string) =>
    whole === '$$' ? '$' : variables[name!] || (fallback ?? ''),
  );
}

/** The environment a service's process parses, as shared/environment.ts reads it (empty means unset). */
function processEnvironment(service: Service, variables: Record<string, string>): Environment {
  const given = Object.entries(service.environment ?? {}).map(([k, v]) => [
    k,
    interpolate(String(v), variables),
  ]);
  return Object.fromEntries(given.filter(([, v]) => v !== '')) as Environment;
}

/** A file of the repository that a service mounts at `target`. */
function mounted(service: Service, target: string): string {
  const [from] = (service.volumes ?? []).map((v) => v.split(':')).find(([, to]) => to === target) ?? [];
  if (from === undefined) throw new Error(`nothing is mounted at ${target}`);
  return path.resolve(ROOT, from);
}

test('the observability profile: Jaeger, Prometheus and Grafana, only under it, at pinned versions', () => {
  for (const name of OBSERVABILITY) {
    expect(compose.services[name]?.profiles).toEqual(['observability']);
    expect(compose.services[name]?.image).toMatch(/^[\w./-]+:v?\d+\.\d+\.\d+$/);
  }
  const others = Object.keys(compose.services).filter((name) => !OBSERVABILITY.includes(name));
  for (const name of others) expect(serviceNamed(name).profiles).toBeUndefined();
  expect([...servers.keys()].sort()).toEqual([
    'alliance',
    'enterprises',
    'funds',
    'gateway',
    'institutes',
    'pilot-bases',
  ]);
});

test('without the profile’s variables /metrics is off and nothing is traced; with them each service exports under its own name', () => {
  const profile = {
    METRICS_TOKEN: 'a-token-of-sixteen-or-more',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
  };
  for (const name of servers.keys()) {
    const service = serviceNamed(name);
    const bare = processEnvironment(service, {});
    expect(bare.NODE_ENV).toBe('production');
    expect(tracingWanted(bare)).toBe(false);
    expect(metricsAccessOf(bare)).toEqual({ kind: 'off' });

    const observed = processEnvironment(service, profile);
    expect(tracingWanted(observed)).toBe(true);
    expect(metricsAccessOf(observed)).toEqual({ kind: 'token', token: profile.METRICS_TOKEN });
    expect(observed.OTEL_SERVICE_NAME).toBe(name);
  }
  // The endpoint docs/operations.md gives is the profile's Jaeger, at the OTLP/HTTP port it opens.
  const jaeger = new URL(profile.OTEL_EXPORTER_OTLP_ENDPOINT);
  expect(compose.services[jaeger.hostname]?.profiles).toEqual(['observability']);
  expect(compose.services[jaeger.hostname]?.expose).toContain(jaeger.port);
});

test('Prometheus scrapes /metrics of the gateway and every subgraph at the ports they listen on, with METRICS_TOKEN', () => {
  const prometheus = serviceNamed('prometheus');
  const script = interpolate(prometheus.command!.join(' '), {});
  const [, configPath] = /--config\.file=(\S+)/.exec(script) ?? [];
  if (!configPath) throw new Error(`Prometheus is not started with --config.file: ${script}`);
  const config = parse(readFileSync(mounted(prometheus, configPath), 'utf8')) as {
    scrape_configs: {
      metrics_path?: string;
      authorization?: { type?: string; credentials_file?: string };
      static_configs: { targets: string[] }[];
    }[];
  };
  const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
  expect(targets.sort()).toEqual([...servers].map(([name, port]) => `${name}:${port}`).sort());
  for (const job of config.scrape_configs) {
    expect(job.metrics_path ?? '/metrics').toBe('/metrics');
    // The token the services are given, written into a file in memory as Prometheus starts.
    expect(job.authorization?.type ?? 'Bearer').toBe('Bearer');
    const file = job.authorization!.credentials_file!;
    expect(prometheus.tmpfs).toContain(path.dirname(file));
    expect(script).toContain(`printf '%s' "$METRICS_TOKEN" > ${file}`);
  }
  const token = { METRICS_TOKEN: 'a-token-of-sixteen-or-more' };
  expect(processEnvironment(prometheus, token)).toEqual(token);
});

/** The profile's Grafana: its provisioned data sources and its dashboards, read from the repository. */
function grafana() {
  const service = serviceNamed('grafana');
  const provisioning = mounted(service, '/etc/grafana/provisioning');
  const readYaml = <T>(dir: string) =>
    readdirSync(path.join(provisioning, dir)).map(
      (f) => parse(readFileSync(path.join(provisioning, dir, f), 'utf8')) as T,
    );
  const datasources = readYaml<{ datasources: { uid: string; type: string; url: string }[] }>(
    'datasources',
  ).flatMap((f) => f.datasources);
  const providers = readYaml<{ providers: { options: { path: string } }[] }>('dashboards').flatMap(
    (f) => f.providers,
  );
  const dashboards = providers.flatMap((provider) => {
    const dir = mounted(service, provider.options.path);
    return readdirSync(dir).map(
      (f) =>
        JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
          title: string;
          panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
        },
    );
  });
  return { datasources, dashboards };
}

test('Grafana is provisioned with the profile’s Prometheus and the dashboard kept in the repository', () => {
  const { datasources, dashboards } = grafana();
  const prometheus = datasources.find((d) => d.type === 'prometheus')!;
  const url = new URL(prometheus.url);
  expect(compose.services[url.hostname]?.image).toMatch(/^prom\/prometheus:/);
  const published = serviceNamed(url.hostname).ports!.map((p) => p.split(':').at(-1));
  expect(published).toContain(url.port);
  expect(dashboards.length).toBeGreaterThan(0);
  for (const dashboard of dashboards)
    for (const panel of dashboard.panels)
      expect(datasources.map((d) => d.uid)).toContain(panel.datasource.uid);
});

/**
 * What this test walks of Prometheus's own PromQL parser (lezer-promql; its types are an
 * ES module's, so it is loaded with `import()` below and typed here by its shape).
 */
interface PromQLParser {
  parse(text: string): {
    cursor(): {
      name: string;
      from: number;
      to: number;
      type: { isError: boolean };
      node: { parent: { name: string } | null };
      next(): boolean;
    };
  };
}

/** What a PromQL expression names: its metrics, the labels it groups by, its functions; and whether it parsed. */
function analyse(promql: PromQLParser, expression: string) {
  // Grafana's own variables, which are not PromQL, stand for a range.
  const query = expression.replace(/\$__(rate_interval|interval|range)/g, '5m');
  const found = {
    metrics: [] as string[],
    groupings: [] as string[],
    functions: [] as string[],
    parsed: true,
  };
  const cursor = promql.parse(query).cursor();
  do {
    const text = query.slice(cursor.from, cursor.to);
    if (cursor.type.isError) found.parsed = false;
    if (cursor.name === 'Identifier' && cursor.node.parent?.name === 'VectorSelector')
      found.metrics.push(text);
    if (cursor.name === 'LabelName' && cursor.node.parent?.name === 'GroupingLabels')
      found.groupings.push(text);
    if (cursor.name === 'FunctionIdentifier') found.functions.push(text);
  } while (cursor.next());
  return found;
}

/** The metric names a `/metrics` declares, with the series names a histogram is made of. */
async function declaredMetrics(graphqlUrl: string): Promise<string[]> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  expect(response.status).toBe(200);
  // Both groups are mandatory: every match has a name and a type.
  return [...(await response.text()).matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(([, name = '', type]) =>
    type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
  );
}

describe('the dashboard against a live scrape', () => {
  let federation: Awaited<ReturnType<typeof startFederation>>;
  let promql: PromQLParser;
  beforeAll(async () => {
    promql = (await import('@prometheus-io/lezer-promql')).parser;
    federation = await startFederation({ seed: false });
  });
  afterAll(async () => {
    await federation?.stop();
  });

  test('every query parses as PromQL and names only metrics the gateway or a subgraph serves; the issue’s panels are there', async () => {
    const urls = [federation.url, ...[...federation.stack.subgraphs.values()].map((s) => s.url)];
    const served = new Set((await Promise.all(urls.map(declaredMetrics))).flat());
    const queries = grafana()
      .dashboards.flatMap((d) => d.panels.flatMap((p) => p.targets.map((t) => t.expr)))
      .map((expr) => ({ expr, ...analyse(promql, expr) }));
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect({ expr: query.expr, parsed: query.parsed }).toEqual({ expr: query.expr, parsed: true });
      expect(query.metrics.length).toBeGreaterThan(0);
      for (const metric of query.metrics)
        expect({ expr: query.expr, metric, served: served.has(metric) }).toEqual({
          expr: query.expr,
          metric,
          served: true,
        });
    }
    const some = (metric: string, ...wanted: string[]) =>
      queries.some(
        (q) =>
          q.metrics.includes(metric) && wanted.every((w) => [...q.groupings, ...q.functions].includes(w)),
      );
    // Request rate; errors by extensions.code; p95 per operation and per subgraph.
    expect(some('graphql_requests_total', 'rate')).toBe(true);
    expect(some('graphql_errors_total', 'rate', 'code')).toBe(true);
    expect(some('graphql_request_duration_seconds_bucket', 'histogram_quantile', 'operation', 'le')).toBe(
      true,
    );
    expect(
      some('gateway_subgraph_fetch_duration_seconds_bucket', 'histogram_quantile', 'subgraph', 'le'),
    ).toBe(true);
  });
});

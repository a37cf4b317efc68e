import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberSubgraphs } from '../services/index';
import { databaseVariableFor, ENVIRONMENT_VARIABLES, type Environment } from '../shared/environment';
import { parseSupergraphConfig } from '../shared/supergraph-config';
import { renderKustomization, validateObjects, type KubernetesObject } from '../scripts/kubernetes-manifests';

/**
 * deploy/kubernetes, rendered by kustomize as a cluster would get it: valid Kubernetes (an
 * invalid manifest is refused), and true to the services — the commands, ports, probes,
 * variables and secrets they really have.
 */
const ROOT = path.resolve(__dirname, '..');
const KUBERNETES = path.join(ROOT, 'deploy', 'kubernetes');
const production = renderKustomization(path.join(KUBERNETES, 'overlays', 'production'));

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    containers: Container[];
    securityContext?: Record<string, unknown>;
    terminationGracePeriodSeconds?: number;
    volumes?: { name: string; configMap?: { name: string } }[];
    topologySpreadConstraints?: {
      topologyKey: string;
      labelSelector: { matchLabels: Record<string, string> };
    }[];
  };
}

const all = (kind: string) => production.filter((o) => o.kind === kind);
const one = (kind: string, name: string): KubernetesObject => {
  const found = production.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the production overlay`);
  return found;
};
const spec = <T>(object: KubernetesObject) => object.spec as T;
const podOf = (object: KubernetesObject) => spec<{ template: PodTemplate }>(object).template;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
const settings = one('ConfigMap', 'alliance-graph-settings').data as Record<string, string>;
const supergraphMap = one('ConfigMap', 'alliance-graph-supergraph').data as Record<string, string>;
const SECRET_VARIABLES = /^(GATEWAY_SECRET|AUTH_SECRET|METRICS_TOKEN|[A-Z_]+_DATABASE_URL|DATABASE_URL)$/;

test('the base and the production overlay are valid Kubernetes, unknown fields included', () => {
  expect(validateObjects(renderKustomization(path.join(KUBERNETES, 'base')))).toEqual([]);
  expect(validateObjects(production)).toEqual([]);
});

describe('an invalid manifest is refused', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'alliance-kubernetes-'));
    cpSync(KUBERNETES, copy, { recursive: true });
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const edit = (file: string, from: string | RegExp, to: string) => {
    const full = path.join(copy, file);
    const before = readFileSync(full, 'utf8');
    const after = before.replace(from, to);
    expect(after).not.toBe(before);
    writeFileSync(full, after);
  };
  const problemsOf = () => validateObjects(renderKustomization(path.join(copy, 'overlays', 'production')));

  test('a misspelt field, a wrong type and an API version clusters no longer serve', () => {
    cpSync(KUBERNETES, copy, { recursive: true });
    edit('base/gateway.yaml', 'livenessProbe:', 'livenessProbes:');
    edit('base/funds.yaml', /replicas: 2/, 'replicas: two');
    edit('base/gateway.yaml', 'apiVersion: policy/v1\n', 'apiVersion: policy/v1beta1\n');
    const problems = problemsOf();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Deployment\/gateway: .*'"livenessProbes"' does not exist in type 'IContainer'/,
        ),
        'Deployment/funds: data/spec/replicas must be integer',
        expect.stringMatching(
          /^PodDisruptionBudget\/gateway: policy\/v1beta1\/PodDisruptionBudget is not a kind/,
        ),
      ]),
    );
  });

  test('a kustomization kustomize refuses', () => {
    cpSync(KUBERNETES, copy, { recursive: true });
    edit('overlays/production/kustomization.yaml', '  - ../../base\n', '  - ../../bases\n');
    expect(problemsOf).toThrow(/kubectl kustomize .* failed/);
  });
});

test('the gateway: several replicas, autoscaled (autoscaling/v2), a disruption budget, spread over nodes', () => {
  const gateway = one('Deployment', 'gateway');
  const labels = podOf(gateway).metadata.labels;
  const hpa = spec<{
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas: number;
    maxReplicas: number;
  }>(one('HorizontalPodAutoscaler', 'gateway'));
  expect(one('HorizontalPodAutoscaler', 'gateway').apiVersion).toBe('autoscaling/v2');
  expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
  expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
  expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);
  const pdb = spec<{ minAvailable: number; selector: { matchLabels: Record<string, string> } }>(
    one('PodDisruptionBudget', 'gateway'),
  );
  expect(matches(pdb.selector.matchLabels, labels)).toBe(true);
  expect(pdb.minAvailable).toBeLessThan(hpa.minReplicas);
  expect(podOf(gateway).spec.topologySpreadConstraints).toEqual([
    expect.objectContaining({
      topologyKey: 'kubernetes.io/hostname',
      labelSelector: { matchLabels: pdb.selector.matchLabels },
    }),
  ]);
  // Draining takes up to SUBGRAPH_TIMEOUT_MS + 5 s, after the preStop pause (docs/operations.md).
  expect(podOf(gateway).spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
    Number(settings.SUBGRAPH_TIMEOUT_MS) / 1000 + 25,
  );
});

test('every member subgraph: its own Deployment and Service, at the URL the supergraph config gives it', () => {
  const config = parseSupergraphConfig(JSON.parse(supergraphMap['supergraph.json']!) as unknown);
  expect(config.subgraphs.map((s) => s.name)).toEqual(memberSubgraphs.map((m) => m.name));
  for (const { name } of memberSubgraphs) {
    const pod = podOf(one('Deployment', name));
    const service = spec<{ selector: Record<string, string>; ports: { port: number; targetPort: string }[] }>(
      one('Service', name),
    );
    expect(matches(service.selector, pod.metadata.labels)).toBe(true);
    // No other Deployment's pods answer for this Service.
    for (const other of all('Deployment').filter((d) => d.metadata.name !== name))
      expect(matches(service.selector, podOf(other).metadata.labels)).toBe(false);
    const url = new URL(config.subgraphs.find((s) => s.name === name)!.url);
    expect(url.hostname).toBe(name);
    const container = pod.spec.containers[0]!;
    const servicePort = service.ports[0]!;
    const port = container.ports!.find((p) => p.name === servicePort.targetPort)!;
    expect([servicePort.port, port.containerPort]).toEqual([Number(url.port), Number(url.port)]);
    expect(container.env).toContainEqual({ name: 'PORT', value: url.port });
  }
});

/** Every container of the Deployments and the Job, with the object it is in. */
const containers = [...all('Deployment'), ...all('Job')].flatMap((object) =>
  podOf(object).spec.containers.map((container) => ({ object, pod: podOf(object), container })),
);

test('every container runs compiled JavaScript of the one image, as a non-root user, with requests and limits', () => {
  expect(containers.length).toBe(memberSubgraphs.length + 2);
  const images = new Set(containers.map(({ container }) => container.image));
  expect(images.size).toBe(1);
  for (const { object, pod, container } of containers) {
    const [node, script, ...args] = container.command!;
    expect({ object: object.metadata.name, node, args }).toEqual({
      object: object.metadata.name,
      node: 'node',
      args: [],
    });
    expect(existsSync(path.join(ROOT, script!.replace(/^dist\/(.+)\.js$/, '$1.ts')))).toBe(true);
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    for (const bound of ['requests', 'limits'] as const)
      expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual(['cpu', 'memory']);
  }
  expect(one('Job', 'migrate').metadata).toMatchObject({ name: 'migrate' });
  expect(podOf(one('Job', 'migrate')).spec.containers[0]!.command).toEqual([
    'node',
    'dist/services/migrate.js',
  ]);
});

test('probes: ready on /ready, alive on /health, at the port the service listens on', () => {
  for (const { object, container } of containers.filter(({ object }) => object.kind === 'Deployment')) {
    const ports = container.ports!.map((p) => p.name);
    expect({ name: object.metadata.name, ready: container.readinessProbe?.httpGet?.path }).toEqual({
      name: object.metadata.name,
      ready: '/ready',
    });
    expect(container.livenessProbe?.httpGet?.path).toBe('/health');
    expect(ports).toContain(container.readinessProbe!.httpGet!.port);
    expect(ports).toContain(container.livenessProbe!.httpGet!.port);
  }
});

test('every variable is one the services read; secrets and database URLs come only from Secrets', () => {
  const read = (name: string) => ENVIRONMENT_VARIABLES.includes(name) || name.startsWith('OTEL_');
  for (const name of Object.keys(settings)) expect({ name, read: read(name) }).toEqual({ name, read: true });
  expect(Object.keys(settings).filter((name) => SECRET_VARIABLES.test(name))).toEqual([]);
  const secretsOf = (container: Container) =>
    new Map(
      (container.env ?? [])
        .filter((e) => e.valueFrom?.secretKeyRef)
        .map((e) => [e.name, e.valueFrom!.secretKeyRef!]),
    );
  for (const { object, container } of containers) {
    for (const variable of container.env ?? []) {
      expect({ name: variable.name, read: read(variable.name) }).toEqual({ name: variable.name, read: true });
      if (SECRET_VARIABLES.test(variable.name)) expect(variable.value).toBeUndefined();
    }
    if (object.kind === 'Deployment') {
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'alliance-graph-settings' } }]);
      expect(secretsOf(container).get('GATEWAY_SECRET')).toEqual({
        name: 'alliance-graph',
        key: 'GATEWAY_SECRET',
      });
    }
  }
  // Each subgraph gets its own database and no other's; the Job gets all five, from the same Secrets.
  const job = secretsOf(podOf(one('Job', 'migrate')).spec.containers[0]!);
  for (const { name } of memberSubgraphs) {
    const variable = databaseVariableFor(name, {
      [`${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`]: 'x',
    } as unknown as Environment);
    const own = secretsOf(podOf(one('Deployment', name)).spec.containers[0]!);
    expect([...own.keys()].filter((key) => key.endsWith('DATABASE_URL'))).toEqual([variable]);
    expect(own.get(variable)).toEqual({ name: `${name}-db-app`, key: 'uri' });
    expect(job.get(variable)).toEqual(own.get(variable));
  }
  const gateway = secretsOf(podOf(one('Deployment', 'gateway')).spec.containers[0]!);
  expect([...gateway.keys()].filter((key) => key.endsWith('DATABASE_URL'))).toEqual([]);
});

test('the gateway and the subgraphs read the supergraph config from the mounted ConfigMap', () => {
  for (const { object, pod, container } of containers.filter(({ object }) => object.kind === 'Deployment')) {
    const mount = container.volumeMounts!.find((m) =>
      settings.SUPERGRAPH_CONFIG!.startsWith(`${m.mountPath}/`),
    );
    expect({ name: object.metadata.name, mounted: mount !== undefined }).toEqual({
      name: object.metadata.name,
      mounted: true,
    });
    const volume = pod.spec.volumes!.find((v) => v.name === mount!.name)!;
    expect(volume.configMap?.name).toBe('alliance-graph-supergraph');
    expect(path.basename(settings.SUPERGRAPH_CONFIG!) in supergraphMap).toBe(true);
  }
});

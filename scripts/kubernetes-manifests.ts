import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/**
 * Rendering and validating deploy/kubernetes without a cluster.
 *
 * - Rendering is kustomize's own (`kubectl kustomize`, kubectl ≥ 1.21), never a copy of it.
 * - Each object is validated against the Kubernetes OpenAPI schema by `kubernetes-models`
 *   (its JSON-schema validators, generated from the API's OpenAPI document): types,
 *   required fields, enums, formats.
 * - That schema, like the API's own, allows properties it does not know, which the API
 *   server refuses (strict field validation, kubectl's default): `livenessProbes` for
 *   `livenessProbe` would pass it. So every object is also type-checked by the TypeScript
 *   compiler against the same package's declarations, where an unknown property is an
 *   excess-property error.
 * - Only the kinds and API versions listed in KINDS are accepted: the package still ships
 *   versions clusters no longer serve (policy/v1beta1, autoscaling/v2beta2).
 */

const ROOT = path.resolve(__dirname, '..');

/** The objects these manifests may hold: `apiVersion/kind` → the kubernetes-models module. */
export const KINDS: Record<string, string> = {
  'v1/Namespace': 'v1/Namespace',
  'v1/ConfigMap': 'v1/ConfigMap',
  'v1/Secret': 'v1/Secret',
  'v1/Service': 'v1/Service',
  'v1/ServiceAccount': 'v1/ServiceAccount',
  'apps/v1/Deployment': 'apps/v1/Deployment',
  'batch/v1/Job': 'batch/v1/Job',
  'autoscaling/v2/HorizontalPodAutoscaler': 'autoscaling/v2/HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget': 'policy/v1/PodDisruptionBudget',
  'networking.k8s.io/v1/NetworkPolicy': 'networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1/Ingress': 'networking.k8s.io/v1/Ingress',
};

/** One rendered object: what a cluster would be sent. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `kubectl kustomize <dir>`, parsed. Throws with kustomize's own message when it refuses. */
export function renderKustomization(dir: string): KubernetesObject[] {
  let yaml: string;
  try {
    yaml = execFileSync('kubectl', ['kustomize', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failed = error as { code?: string; stderr?: string; message: string };
    if (failed.code === 'ENOENT')
      throw new Error('kubectl is not installed: it renders the kustomizations (kubectl ≥ 1.21)');
    throw new Error(`kubectl kustomize ${dir} failed: ${failed.stderr?.trim() || failed.message}`);
  }
  return parseAllDocuments(yaml)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
}

const nameOf = (object: KubernetesObject) =>
  `${object.kind ?? '(no kind)'}/${object.metadata?.name ?? '(no name)'}`;

/** The kubernetes-models module of an object's kind, or undefined when it is not one we accept. */
function modelOf(object: KubernetesObject): string | undefined {
  return KINDS[`${object.apiVersion}/${object.kind}`];
}

/** Problems found by the OpenAPI schema validators, one line per object that failed. */
function schemaProblems(objects: readonly KubernetesObject[]): string[] {
  return objects.flatMap((object) => {
    const model = modelOf(object);
    if (!model)
      return [
        `${nameOf(object)}: ${object.apiVersion}/${object.kind} is not a kind these manifests may use (scripts/kubernetes-manifests.ts KINDS)`,
      ];
    const kind = model.split('/').at(-1)!;
    // The package's CommonJS build, one module per kind.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(`kubernetes-models/${model}`) as Record<
      string,
      new (data: unknown) => { validate(): void }
    >;
    const Model = loaded[kind];
    if (!Model) return [`${nameOf(object)}: kubernetes-models/${model} has no ${kind}`];
    try {
      new Model(object).validate();
      return [];
    } catch (error) {
      return [`${nameOf(object)}: ${(error as Error).message}`];
    }
  });
}

/**
 * Properties the Kubernetes API does not know: every object becomes a typed constant of a
 * virtual TypeScript file, one per line, and the compiler's excess-property errors are
 * reported by the object they are in.
 */
function unknownFieldProblems(objects: readonly KubernetesObject[]): string[] {
  const typed = objects.map((object) => ({ object, model: modelOf(object) })).filter((t) => t.model);
  if (typed.length === 0) return [];
  const file = path.join(ROOT, 'scripts', '__kubernetes_manifests__.ts');
  const source = typed
    .map(
      ({ object, model }, i) =>
        `export const o${i}: import('kubernetes-models/${model}').I${model!.split('/').at(-1)} = ${JSON.stringify(object)};`,
    )
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => name === file || ts.sys.fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.getSourceFile = (name, language, onError) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, onError);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file && d.start !== undefined)
    .map((d) => {
      const line = d.file!.getLineAndCharacterOfPosition(d.start!).line;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n').at(-1)!.trim();
      const at = typed[line];
      return at ? `${nameOf(at.object)}: ${message}` : `line ${line + 1}: ${message}`;
    });
}

/** Every problem of the objects, one line each; empty when a cluster would accept them all. */
export function validateObjects(objects: readonly KubernetesObject[]): string[] {
  return [...schemaProblems(objects), ...unknownFieldProblems(objects)];
}

import type * as Express from '@opentelemetry/instrumentation-express';
import type * as GraphQL from '@opentelemetry/instrumentation-graphql';
import type * as Http from '@opentelemetry/instrumentation-http';
import type * as Pg from '@opentelemetry/instrumentation-pg';
import type * as Undici from '@opentelemetry/instrumentation-undici';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type { NodeSDK, NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import type { Environment } from './environment';
import { keepRequestsInTraceContext } from './request-context';
import { leaveFetchPropagationToUndici } from './trace-context';

/** Paths probed every few seconds by health checks and scrapers: no trace for them. */
const UNTRACED_PATHS = /^\/(health|ready|metrics)(\?|$)/;

type Instrumentation = NonNullable<NodeSDKConfiguration['instrumentations']>[number];

let sdk: NodeSDK | undefined;

/**
 * An OpenTelemetry package, loaded when tracing starts and not before: the SDK and its
 * instrumentations take ~0.9 s to load, a fifth of an embedded start, and tracing is off
 * unless the environment asks for it.
 */
function otel<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return require(id) as T;
}

/** Whether the standard OTEL_* variables ask for traces (an endpoint or an exporter named). */
export function tracingWanted(env: Environment): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER) return env.OTEL_TRACES_EXPORTER !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * The official instrumentations, by the short names `OTEL_NODE_ENABLED_INSTRUMENTATIONS` and
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` take (comma-separated, as the official
 * auto-instrumentations read them).
 */
const INSTRUMENTATIONS = {
  // Incoming requests: W3C traceparent in, one server span each, named by the access log
  // (route, service and GraphQL operation: shared/access-log.ts).
  http: () =>
    new (otel<typeof Http>('@opentelemetry/instrumentation-http').HttpInstrumentation)({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
    }),
  // Each SQL statement, its text without values (the embedded PGlite is reached through
  // node-postgres too); not pool checkouts, and none outside a request (the `SELECT 1` of /ready).
  pg: () =>
    new (otel<typeof Pg>('@opentelemetry/instrumentation-pg').PgInstrumentation)({
      requireParentSpan: true,
      ignoreConnectSpans: true,
    }),
  // Off by default, for an operator who wants more detail at a price. A client span per
  // fetch (the gateway's fetch span already times it; traceparent goes out without it);
  // only inside a request, or readiness probes and polls would each start a trace.
  undici: () =>
    new (otel<typeof Undici>('@opentelemetry/instrumentation-undici').UndiciInstrumentation)({
      requireParentforSpans: true,
    }),
  // The route as an express span (the access log names it without a wrapper per middleware).
  express: () => {
    const { ExpressInstrumentation, ExpressLayerType } = otel<typeof Express>(
      '@opentelemetry/instrumentation-express',
    );
    return new ExpressInstrumentation({
      ignoreLayersType: [
        ExpressLayerType.MIDDLEWARE,
        ExpressLayerType.ROUTER,
        ExpressLayerType.REQUEST_HANDLER,
      ],
    });
  },
  // Parse, validate and execute spans in every server (no per-field spans: even turned
  // down, those ran every resolved field through a wrapper).
  graphql: () =>
    new (otel<typeof GraphQL>('@opentelemetry/instrumentation-graphql').GraphQLInstrumentation)({
      ignoreResolveSpans: true,
    }),
} satisfies Record<string, () => Instrumentation>;

type InstrumentationName = keyof typeof INSTRUMENTATIONS;

/**
 * What tracing turns on unless told otherwise: what one request's trace needs — the
 * server spans, @apollo/gateway's own plan and fetch spans, the SQL — and nothing that
 * costs without telling more. Chosen by what each costs per board request
 * (test/bench/tracing-overhead.ts, docs/operations.md).
 */
const DEFAULT_INSTRUMENTATIONS: InstrumentationName[] = ['http', 'pg'];

/**
 * Starts the OpenTelemetry SDK for Node when the environment asks for traces.
 * @apollo/gateway adds its own plan and fetch spans once a provider is registered.
 * Exporter, endpoint, protocol, sampler and batching are the SDK's own OTEL_* variables.
 *
 * Must run before express, pg and graphql are loaded: entry points import shared/instrument.ts first.
 */
export function startTracing(env: Environment): boolean {
  if (sdk || !tracingWanted(env)) return false;
  const names = instrumentationsOf(env);
  // undici's instrumentation puts traceparent on outgoing fetches itself.
  if (names.includes('undici')) leaveFetchPropagationToUndici();
  sdk = new (otel<typeof SdkNode>('@opentelemetry/sdk-node').NodeSDK)({
    serviceName: env.OTEL_SERVICE_NAME ?? 'alliance-graph',
    // Prometheus serves the metrics and stdout the logs unless OTel's exporters are named.
    ...(env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
    instrumentations: names.map((name) => INSTRUMENTATIONS[name]()),
  });
  sdk.start();
  keepRequestsInTraceContext(true);
  return true;
}

/** The instrumentations the environment leaves: the default set unless it names its own. */
export function instrumentationsOf(env: Environment): InstrumentationName[] {
  const names = (value: string | undefined) =>
    value === undefined
      ? undefined
      : new Set(
          value
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean),
        );
  const enabled = names(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS) ?? new Set<string>(DEFAULT_INSTRUMENTATIONS);
  const disabled = names(env.OTEL_NODE_DISABLED_INSTRUMENTATIONS) ?? new Set();
  return (Object.keys(INSTRUMENTATIONS) as InstrumentationName[]).filter(
    (name) => enabled.has(name) && !disabled.has(name),
  );
}

let plainWhileRequiring = false;

/**
 * Under tsx (`npm start`, the bench's and tests' child stacks; the image runs compiled
 * JavaScript without it), tsx's module resolver reads `new Error().stack` when it is
 * called the way the instrumentations' require hook calls it — on every require, ~5,500
 * times at start and again for every module loaded later (TypeORM's entities and
 * migrations, Apollo Server's landing page, …). With source maps on, as tsx turns them on,
 * Node then parses the source map of every file in each such stack and keeps it: ~950 maps.
 *
 * Each map parsed costs far more than its memory. Node keeps a map's sources in a plain
 * object keyed by their URLs, so each map adds its first source's URL as a new property
 * shape to V8's one root shape of `{}`. After ~900 maps that shape holds V8's maximum
 * of 1,536 transitions, and from then on any object that starts empty and gets a property
 * the root has not seen gets a shape of its own: node-postgres builds every row that way
 * (`{ ...prebuilt }`, first key a TypeORM alias such as `p_id`), so each row had its own
 * shape — object spread 25× slower, `parseRow` 4–10×, twice the garbage collection, which
 * was most of what tracing cost per request (docs/operations.md).
 *
 * So while a module is being required, stacks are formatted without source maps. Outside
 * a require — every error a request meets — the formatter there was (Node's, source-mapped)
 * stays. Call after startTracing, so that this wrapper runs outside the instrumentations'
 * require hook.
 */
export function formatStacksPlainlyWhileRequiring(): void {
  if (!process.sourceMapsEnabled || plainWhileRequiring) return;
  plainWhileRequiring = true;
  const errors = Error as { prepareStackTrace?: (error: Error, frames: NodeJS.CallSite[]) => string };
  const plain = (error: Error, frames: NodeJS.CallSite[]) =>
    [
      String(error),
      ...frames.map(
        (frame) =>
          `    at ${frame.getFunctionName() ?? '<anonymous>'} (${frame.getFileName() ?? '<unknown>'}:${frame.getLineNumber()}:${frame.getColumnNumber()})`,
      ),
    ].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:module's CommonJS loader, patched as the instrumentations patch it
  const { prototype } = require('node:module') as {
    prototype: { require: (this: unknown, id: string) => unknown };
  };
  const required = prototype.require;
  let requiring = false;
  prototype.require = function requireWithPlainStacks(this: unknown, id: string) {
    // A module's own requires run inside the outermost one.
    if (requiring) return required.call(this, id);
    // Whatever formatted stacks before (on Node 20.20, Node's own function) comes back after.
    const before = errors.prepareStackTrace;
    errors.prepareStackTrace = plain;
    requiring = true;
    try {
      return required.call(this, id);
    } finally {
      requiring = false;
      // A formatter a module installed while it loaded is left in place.
      if (errors.prepareStackTrace === plain) errors.prepareStackTrace = before;
    }
  };
}

/** Exports the spans still buffered and stops the SDK (the last step of a shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  keepRequestsInTraceContext(false);
  await running?.shutdown();
}

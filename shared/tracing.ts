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

/**
 * Under tsx (`npm start`, the bench's and tests' child stacks; the image runs compiled
 * JavaScript without it), tsx's module resolver reads `new Error().stack` when it is
 * called the way the instrumentations' require hook calls it — on every require, ~5,500
 * times at start. With source maps on, as tsx turns them on, Node then parses and keeps
 * the source map of every file in every such stack: ~950 maps, ~95 MB of small arrays
 * that every full garbage collection marks again for the life of the process. That, not
 * the spans, was most of what tracing cost per request (docs/operations.md). While the
 * entry point's imports load (one synchronous turn), stacks are formatted without source
 * maps; from the next turn on, Node's own (source-mapped) formatting is back.
 */
export function formatStacksPlainlyWhileLoading(): void {
  const errors = Error as { prepareStackTrace?: (error: Error, frames: NodeJS.CallSite[]) => string };
  if (!process.sourceMapsEnabled || errors.prepareStackTrace) return;
  const plain = (error: Error, frames: NodeJS.CallSite[]) =>
    [
      String(error),
      ...frames.map(
        (frame) =>
          `    at ${frame.getFunctionName() ?? '<anonymous>'} (${frame.getFileName() ?? '<unknown>'}:${frame.getLineNumber()}:${frame.getColumnNumber()})`,
      ),
    ].join('\n');
  errors.prepareStackTrace = plain;
  setImmediate(() => {
    if (errors.prepareStackTrace === plain) delete errors.prepareStackTrace;
  });
}

/** Exports the spans still buffered and stops the SDK (the last step of a shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  keepRequestsInTraceContext(false);
  await running?.shutdown();
}

import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Environment } from './environment';

/** Paths probed every few seconds by health checks and scrapers: no trace for them. */
const UNTRACED_PATHS = /^\/(health|ready|metrics)(\?|$)/;

let sdk: NodeSDK | undefined;

/** Whether the standard OTEL_* variables ask for traces (an endpoint or an exporter named). */
export function tracingWanted(env: Environment): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER) return env.OTEL_TRACES_EXPORTER !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the OpenTelemetry SDK for Node when the environment asks for traces, with the
 * official instrumentations: http (incoming requests, W3C traceparent in), undici (the
 * gateway's and peers' fetch calls, traceparent out), express (for the route name only),
 * graphql (parse, validate and execute; no per-field spans) and pg (each SQL statement, its
 * text without values — the embedded PGlite is reached through node-postgres too).
 * @apollo/gateway adds its own plan and fetch spans once a provider is registered. Exporter, endpoint, protocol, sampler and
 * batching are the SDK's own OTEL_* variables.
 *
 * Must run before express, pg and graphql are loaded: entry points import shared/instrument.ts first.
 */
export function startTracing(env: Environment): boolean {
  if (sdk || !tracingWanted(env)) return false;
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'alliance-graph',
    // Prometheus serves the metrics and stdout the logs unless OTel's exporters are named.
    ...(env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
    // Chosen by what they cost per board request (test/bench/tracing-overhead.ts,
    // docs/operations.md): 64 spans, 28 of them express middleware and pool checkouts that
    // tell an operator nothing a parent span does not.
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      }),
      // Only inside a request: the gateway's readiness probes and supergraph polls would
      // each start a trace of their own.
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // No span per middleware (json parser, access log, proof check…): express is kept
      // for the route, which names the HTTP server span `POST /graphql`.
      new ExpressInstrumentation({
        ignoreLayersType: [
          ExpressLayerType.MIDDLEWARE,
          ExpressLayerType.ROUTER,
          ExpressLayerType.REQUEST_HANDLER,
        ],
      }),
      // Parse, validate and execute spans only: with resolve spans merely turned down
      // (`depth: 0`), every resolved field still ran through a wrapper that switched the
      // active context.
      new GraphQLInstrumentation({ ignoreResolveSpans: true }),
      // Statements, not pool checkouts; and none outside a request (the `SELECT 1` of /ready).
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  sdk.start();
  return true;
}

/** Exports the spans still buffered and stops the SDK (the last step of a shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}

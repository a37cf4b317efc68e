import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
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
 * gateway's and peers' fetch calls, traceparent out), express, graphql (parse, validate and
 * execute; no per-field spans) and pg (each SQL statement, its text without values — the
 * embedded PGlite is reached through node-postgres too). @apollo/gateway adds its own plan
 * and fetch spans once a provider is registered. Exporter, endpoint, protocol, sampler and
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
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      }),
      new UndiciInstrumentation(),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ depth: 0, mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation(),
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

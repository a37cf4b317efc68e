import { context, propagation } from '@opentelemetry/api';

/** Whether undici's instrumentation puts traceparent on outgoing fetches (shared/tracing.ts). */
let fetchInstrumented = false;

/** Called by shared/tracing.ts when undici's instrumentation is on. */
export function leaveFetchPropagationToUndici(): void {
  fetchInstrumented = true;
}

/**
 * Puts the current trace context (W3C `traceparent`) on an outgoing request's headers: the
 * gateway's subgraph fetches and the subgraphs' peer calls, so the callee's server span is
 * a child of the caller's current span. Nothing when tracing is off (the API's propagator
 * is then a no-op) or when undici's instrumentation already does it.
 */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  if (fetchInstrumented) return;
  propagation.inject(context.active(), undefined, { set: (_, name, value) => set(name, value) });
}

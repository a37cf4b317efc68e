import { environment } from './environment';
import { startTracing } from './tracing';

/**
 * Imported first by every entry point (`npm start`, the gateway, each subgraph): the
 * OpenTelemetry SDK must patch http, express, graphql and pg before they are loaded.
 */
startTracing(environment());

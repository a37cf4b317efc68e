import { ConfigurationError, environment } from './environment';
import { formatStacksPlainlyWhileRequiring, startTracing } from './tracing';

/**
 * Imported first by every entry point (`npm start`, the gateway, each subgraph): the
 * OpenTelemetry SDK must patch http, express, graphql and pg before they are loaded. An
 * environment with a mistake starts no tracing here: the entry point reads it again and
 * stops with the mistake in one line.
 */
function configured(): ReturnType<typeof environment> | undefined {
  try {
    return environment();
  } catch (error) {
    if (error instanceof ConfigurationError) return undefined;
    throw error;
  }
}

const env = configured();
if (env && startTracing(env)) formatStacksPlainlyWhileRequiring();

import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { ConfigurationError, environment } from './environment';
import { currentRequest } from './request-context';

/**
 * The configured level. An environment with a mistake logs at `info` here: the process's
 * start reads the environment again and stops with the mistake in one line.
 */
function level(): string {
  try {
    return environment().LOG_LEVEL;
  } catch (error) {
    if (error instanceof ConfigurationError) return 'info';
    throw error;
  }
}

/**
 * The process logger: JSON lines on stdout, one child per service. Every line written
 * while a request is handled carries its `requestId` (and `traceId` when tracing is on),
 * so one grep finds a request in every process it reached. Lines go through
 * `process.stdout`, so whatever wraps the process's output sees each whole line.
 */
export const logger = pino(
  {
    level: level(),
    mixin(line: object) {
      const request = currentRequest();
      const span = trace.getActiveSpan()?.spanContext();
      return {
        ...(request && !('requestId' in line) ? { requestId: request.requestId } : {}),
        ...(span && !('traceId' in line) ? { traceId: span.traceId } : {}),
      };
    },
  },
  process.stdout,
);

export function serviceLogger(service: string): pino.Logger {
  return logger.child({ service });
}

export type Logger = pino.Logger;

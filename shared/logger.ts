import pino from 'pino';
import { environment } from './environment';

/** The process logger: JSON lines on stdout, one child per service. */
export const logger = pino({ level: environment().LOG_LEVEL });

export function serviceLogger(service: string): pino.Logger {
  return logger.child({ service });
}

export type Logger = pino.Logger;

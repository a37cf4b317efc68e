import type { ErrorRequestHandler } from 'express';
import type { Logger } from './logger';

/**
 * Express's last error handler, as GraphQL clients expect it: a JSON body with a stable
 * code (an oversized or malformed body gets BAD_REQUEST) and never a stack trace.
 */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status =
      typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large'
        : status < 500
          ? 'The request body is not valid JSON'
          : 'Internal server error';
    if (status >= 500) log.error({ err: error }, 'request failed');
    res.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  };
}

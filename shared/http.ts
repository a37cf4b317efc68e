import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorRequestHandler } from 'express';
import { Agent } from 'undici';
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

/**
 * Listens and answers the GraphQL URL a client on this machine reaches the server at. A
 * port taken (EADDRINUSE) rejects here, so the caller can say which one, instead of an
 * unhandled 'error' event.
 */
export async function listen(httpServer: http.Server, port: number, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  // Listening on every interface, the server is reached here at the loopback address.
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/graphql`;
}

/** An error's own code, or its cause's (Node's fetch wraps the socket's error in a TypeError). */
export function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Failures of a connection the other side closed or reset under the request. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Whether a request failed because its connection was reset before any answer: most likely
 * a kept-alive connection the server closed (its idle timer) just as the request went out.
 * A read failing so may be asked once more; a write may have arrived and must not be.
 */
export function wasReset(error: unknown): boolean {
  return RESET_CODES.has(errorCode(error) ?? '');
}

/**
 * The connections from the gateway to the subgraphs, and from one subgraph to another (its
 * peer lookups): undici keeps a pool per origin, each connection kept alive 4 s, under a
 * Node server's 5 s, so the pool lets one go before the server does. Both send with undici's
 * own `request`: Node's `fetch` is undici's WHATWG layer (Request, Response and streams) over
 * the same pools, and took a tenth of the peer lookups' CPU.
 */
export const subgraphConnections = new Agent({ keepAliveTimeout: 4_000 });

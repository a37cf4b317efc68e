import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './logger';

/**
 * The stable error codes a client can act on. Anything else is masked as
 * INTERNAL_SERVER_ERROR before it leaves a service.
 */
export const SAFE_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_LIMIT_EXCEEDED',
  'QUERY_COST_EXCEEDED',
  'SUBGRAPH_UNAVAILABLE',
  'IDEMPOTENCY_KEY_REUSED',
  'OUTCOME_UNKNOWN',
] as const;

export type SafeCode = (typeof SAFE_CODES)[number];

/** Base of the errors that are safe to show a client as they are. */
export abstract class ClientError extends GraphQLError {
  protected constructor(message: string, code: SafeCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** The input is malformed or breaks a rule; `field` names the offending argument path. */
export class BadUserInputError extends ClientError {
  constructor(message: string, field?: string, extensions: Record<string, unknown> = {}) {
    super(message, 'BAD_USER_INPUT', field ? { field, ...extensions } : extensions);
  }
}

/** An id that names nothing (or nothing the caller may see). */
export class NotFoundError extends ClientError {
  constructor(entity: string, id: string, field?: string) {
    super(`${entity} "${id}" does not exist`, 'NOT_FOUND', field ? { field, entity, id } : { entity, id });
  }
}

export class ForbiddenError extends ClientError {
  constructor(message = 'You are not allowed to do this') {
    super(message, 'FORBIDDEN');
  }
}

export class UnauthenticatedError extends ClientError {
  constructor(message = 'A valid token is required') {
    // `http` is read by Apollo Server when this is thrown while building the context.
    super(message, 'UNAUTHENTICATED', { http: { status: 401 } });
  }
}

/** The request is valid but collides with the current state (a taken period, a full fund…). */
export class ConflictError extends ClientError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'CONFLICT', extensions);
  }
}

/** Whether a code is one a client may see as it is. */
export function isSafe(code: unknown): code is SafeCode {
  return typeof code === 'string' && (SAFE_CODES as readonly string[]).includes(code);
}

/**
 * Builds an Apollo `formatError` that lets client errors through and replaces
 * everything else (SQL errors, bugs, connection failures) by a generic message with a
 * request-independent error id that the log line carries too.
 */
export function errorMasker(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    // Client errors we raised, and GraphQL's own parse/validation errors, are safe as they are.
    if (original instanceof ClientError || (original instanceof GraphQLError && isSafe(code))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    log.error({ err: original, errorId, path: formatted.path }, 'masked internal error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

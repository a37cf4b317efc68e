import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { SAFE_CODES } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { withInputField } from './input-errors';

/**
 * The gateway's last line of masking. Errors with a stable code pass (the subgraphs
 * already masked their internals, keeping an errorId); an error the gateway itself hit
 * reaching a subgraph becomes SUBGRAPH_UNAVAILABLE without the URL or the cause;
 * anything else becomes INTERNAL_SERVER_ERROR. The log keeps the original. A value
 * graphql-js refused first names its field (see withInputField; `schema` is the API schema
 * the gateway serves now, whose types say what the value should have been).
 */
export function gatewayErrorFormatter(
  log: Logger,
  schema: () => GraphQLSchema | undefined = () => undefined,
) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = withInputField(raw, error, schema());
    const extensions = formatted.extensions ?? {};
    const code = extensions.code;
    const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    if (typeof code === 'string' && (SAFE_CODES as readonly string[]).includes(code)) {
      const { stacktrace: _s, exception: _e, response: _r, http: _h, ...safe } = extensions;
      return { ...formatted, extensions: safe };
    }
    if (code === 'INTERNAL_SERVER_ERROR' && typeof extensions.errorId === 'string') {
      return {
        message: 'Internal server error',
        path: formatted.path,
        extensions: { code, errorId: extensions.errorId, serviceName },
      };
    }
    const errorId = randomUUID();
    log.error({ err: error, errorId, path: formatted.path, serviceName }, 'masked gateway error');
    if (serviceName) {
      return {
        message: `The ${serviceName} service did not answer`,
        path: formatted.path,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName, errorId },
      };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

/** The one error a client sees for a subgraph the gateway could not ask (both gateways). */
export function subgraphUnavailable(serviceName: string): GraphQLError {
  return new GraphQLError(`The ${serviceName} service did not answer`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
  });
}

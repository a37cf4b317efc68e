import type { Environment } from '../environment';
import { instrumentationsOf } from '../tracing';

const env = (variables: Partial<Environment>) => variables as Environment;

describe('which instrumentations tracing turns on', () => {
  test('by default what one trace needs: HTTP servers and SQL statements', () => {
    expect(instrumentationsOf(env({}))).toEqual(['http', 'pg']);
  });

  test('OTEL_NODE_ENABLED_INSTRUMENTATIONS replaces the default set; unknown names are ignored', () => {
    expect(
      instrumentationsOf(env({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'graphql, http,undici,redis' })),
    ).toEqual(['http', 'undici', 'graphql']);
  });

  test('OTEL_NODE_DISABLED_INSTRUMENTATIONS removes from it', () => {
    expect(instrumentationsOf(env({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg' }))).toEqual(['http']);
    expect(
      instrumentationsOf(
        env({
          OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,pg,express',
          OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg',
        }),
      ),
    ).toEqual(['http', 'express']);
  });
});

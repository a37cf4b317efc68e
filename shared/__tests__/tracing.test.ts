import type { Environment } from '../environment';
import { formatStacksPlainlyWhileLoading, instrumentationsOf } from '../tracing';

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

describe('stacks while the entry point loads, with tracing on under tsx', () => {
  const errors = Error as { prepareStackTrace?: unknown };
  let before: unknown;
  let sourceMaps: boolean;
  beforeEach(() => {
    before = errors.prepareStackTrace;
    delete errors.prepareStackTrace;
    sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(true);
  });
  afterEach(() => {
    errors.prepareStackTrace = before;
    process.setSourceMapsEnabled(sourceMaps);
  });

  test('are formatted without source maps for the rest of this turn, and by Node again from the next', async () => {
    formatStacksPlainlyWhileLoading();
    const during = new Error('loading').stack!;
    expect(during.split('\n')[0]).toBe('Error: loading');
    // Plain frames name the file as loaded (tsx's compiled module, not the .ts source map's position).
    expect(during).toMatch(/^ {4}at .+ \(.+tracing\.test\.ts:\d+:\d+\)$/m);
    expect(errors.prepareStackTrace).toBeInstanceOf(Function);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.prepareStackTrace).toBeUndefined();
  });

  test('leave a formatter someone else installed alone, and do nothing without source maps', async () => {
    const theirs = () => 'theirs';
    errors.prepareStackTrace = theirs;
    formatStacksPlainlyWhileLoading();
    expect(errors.prepareStackTrace).toBe(theirs);
    delete errors.prepareStackTrace;
    process.setSourceMapsEnabled(false);
    formatStacksPlainlyWhileLoading();
    expect(errors.prepareStackTrace).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
  });
});

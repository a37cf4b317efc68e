import type { Environment } from '../environment';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe('stacks while a module is required, with tracing on under tsx', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'plain-stacks-'));
    writeFileSync(
      path.join(dir, 'reporter.js'),
      `module.exports = { formatter: typeof Error.prepareStackTrace, stack: new Error('loading').stack };`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs `body` in a Node process of its own under tsx, as `npm start` runs (Jest's realm has an
   * Error of its own, so the formatter a module sees cannot be checked in here), and returns
   * what it prints as JSON. `reporter` requires a module that reports how stacks looked while
   * it loaded.
   */
  const run = (body: string): Record<string, unknown> => {
    const script = path.join(dir, `script-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(
      script,
      `import { formatStacksPlainlyWhileRequiring } from ${JSON.stringify(path.resolve(__dirname, '../tracing'))};
       const reporter = () => { const file = ${JSON.stringify(path.join(dir, 'reporter.js'))}; delete require.cache[file]; return require(file); };
       ${body}`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
    });
    return JSON.parse(out) as Record<string, unknown>;
  };

  test('are formatted without source maps inside a require, and by Node again after it', () => {
    const seen = run(`
      const enabled = process.sourceMapsEnabled;
      const nodes = Error.prepareStackTrace;
      formatStacksPlainlyWhileRequiring();
      const loaded = reporter();
      console.log(JSON.stringify({ enabled, loaded, after: Error.prepareStackTrace === nodes, later: new Error('later').stack }));
    `);
    expect(seen.enabled).toBe(true);
    const loaded = seen.loaded as { formatter: string; stack: string };
    expect(loaded.formatter).toBe('function');
    expect(loaded.stack.split('\n')[0]).toBe('Error: loading');
    // Plain frames: the module's own frame without Node's `Object.` receiver.
    expect(loaded.stack).toMatch(/^ {4}at <anonymous> \(.+reporter\.js:1:\d+\)$/m);
    expect(seen.after).toBe(true);
    // Outside a require, Node's formatting (and the .ts source position) is back.
    expect(seen.later).toMatch(/^ {4}at Object\.<anonymous> \(.+script-\w+\.ts:\d+:\d+\)$/m);
  });

  test('give back the formatter there was, keep one a module installed, and do nothing without source maps', () => {
    const theirs = run(`
      const nodes = Error.prepareStackTrace;
      const theirs = () => 'theirs';
      Error.prepareStackTrace = theirs;
      formatStacksPlainlyWhileRequiring();
      const plainInside = reporter().stack.startsWith('Error: loading');
      const restored = Error.prepareStackTrace === theirs;
      Error.prepareStackTrace = nodes;
      const file = require('node:path').join(require('node:os').tmpdir(), 'installs-' + process.pid + '.js');
      require('node:fs').writeFileSync(file, "Error.prepareStackTrace = () => 'installed';");
      require(file);
      require('node:fs').rmSync(file);
      console.log(JSON.stringify({ plainInside, restored, kept: new Error('x').stack }));
    `);
    expect(theirs).toEqual({ plainInside: true, restored: true, kept: 'installed' });
    const without = run(`
      process.setSourceMapsEnabled(false);
      const before = Error.prepareStackTrace;
      formatStacksPlainlyWhileRequiring();
      console.log(JSON.stringify({ same: reporter().formatter === typeof before && Error.prepareStackTrace === before, stack: reporter().stack.split('\\n')[1] }));
    `);
    expect(without.same).toBe(true);
    // Not the plain format: V8's own names the receiver.
    expect(without.stack).toMatch(/^ {4}at Object\.<anonymous> /);
  });
});

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // With `isolatedModules` (tsconfig) ts-jest transpiles file by file, which is fast; the
  // type check runs once over the whole project (`npm run typecheck`, in CI).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: [
    '<rootDir>/services/**/*.test.ts',
    '<rootDir>/shared/**/*.test.ts',
    '<rootDir>/gateway/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // Migrates and seeds once per run into templates that each test file copies (test/templates.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  // PGlite per test file costs memory; two workers on a two-core machine.
  maxWorkers: 2,
  // A worker whose heap grew past this after a file is replaced by a fresh one: heaps of
  // 4 GB from file after file of stacks made collection pauses long enough for a subgraph
  // to miss the gateway's timeout.
  workerIdleMemoryLimit: '1GB',
};

/**
 * Test files whose outcome does not depend on the database the stack runs on: unit tests of
 * code that touches none, checks of shipped files (compose, Kubernetes, the proof's test
 * vectors, schema descriptions, the partner's check CLI) and the web app in a real browser
 * (every datum a view shows comes through the gateway, whose answers the end-to-end tests
 * check on both databases). CI's PostgreSQL pass leaves them out
 * (`ALLIANCE_TEST_DATABASE_PASS=1`): the embedded pass has just run them on the same code.
 */
const DATABASE_FREE = [
  '<rootDir>/test/browser/',
  '<rootDir>/test/docker-compose.test.ts',
  '<rootDir>/test/kubernetes.test.ts',
  '<rootDir>/test/proof-vectors.test.ts',
  '<rootDir>/test/schema-descriptions.test.ts',
  '<rootDir>/test/subgraph-check.test.ts',
  '<rootDir>/test/subgraph-conformance.test.ts',
  '<rootDir>/gateway/__tests__/(auth-config|auth-jwks-down|input-errors|limits|secrets)\\.test\\.ts$',
  '<rootDir>/services/alliance/__tests__/access\\.test\\.ts$',
  '<rootDir>/services/alliance/agreements/__tests__/',
  '<rootDir>/services/alliance/projects/__tests__/(history-asked|lifecycle)\\.test\\.ts$',
  '<rootDir>/services/(enterprises|institutes)/__tests__/migrations\\.test\\.ts$',
  '<rootDir>/services/institutes/__tests__/validation\\.test\\.ts$',
  '<rootDir>/services/pilot-bases/__tests__/period\\.test\\.ts$',
  '<rootDir>/shared/__tests__/(audit|environment|errors|ipc|loaders|matching-rules|metrics|money|pagination|peers|pglite-wire|request-context|selected-columns|supergraph-config|timestamps|tracing|type-defs|year-range)\\.test\\.ts$',
];

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
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.ALLIANCE_TEST_DATABASE_PASS ? DATABASE_FREE : []),
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

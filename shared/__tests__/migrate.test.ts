import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { funds } from '../../services/funds';
import { memberSubgraphs } from '../../services/index';
import { EmbeddedDatabase } from '../database';
import { databaseUrlUnder, dropPostgresDatabase, ensurePostgresDatabase } from '../postgres-server';
import type { Environment } from '../environment';
import { migrateAll, migrateSubgraph, migrationTargets } from '../migrate';

/**
 * `npm run migrate` (the Kubernetes migration Job): applies pending migrations and only
 * those, refuses a subgraph it cannot find a database for, and is safe beside a replica
 * migrating the same database at the same moment.
 */
const env = (values: Record<string, string>): Environment => values as unknown as Environment;
const ALL = funds.migrations as unknown[];

describe('which databases are migrated', () => {
  test('all five members under DATABASE_URL, or the named ones; a URL of its own wins', () => {
    const targets = migrationTargets(
      memberSubgraphs,
      [],
      env({
        DATABASE_URL: 'postgres://app@db:5432/postgres',
        FUNDS_DATABASE_URL: 'postgres://app@funds-db:5432/funds',
      }),
    );
    expect(targets.map((t) => [t.module.name, t.url, t.variable])).toEqual([
      ['institutes', 'postgres://app@db:5432/alliance_institutes', 'DATABASE_URL'],
      ['enterprises', 'postgres://app@db:5432/alliance_enterprises', 'DATABASE_URL'],
      ['pilot-bases', 'postgres://app@db:5432/alliance_pilot_bases', 'DATABASE_URL'],
      ['funds', 'postgres://app@funds-db:5432/funds', 'FUNDS_DATABASE_URL'],
      ['alliance', 'postgres://app@db:5432/alliance_alliance', 'DATABASE_URL'],
    ]);
    const named = migrationTargets(
      memberSubgraphs,
      ['funds'],
      env({ FUNDS_DATABASE_URL: 'postgres://app@funds-db:5432/funds' }),
    );
    expect(named.map((t) => t.module.name)).toEqual(['funds']);
  });

  test('a subgraph without a PostgreSQL URL, or an unknown name, is refused with what to set', () => {
    expect(() => migrationTargets(memberSubgraphs, ['pilot-bases'], env({}))).toThrow(
      'pilot-bases has no PostgreSQL database to migrate: set PILOT_BASES_DATABASE_URL or DATABASE_URL',
    );
    expect(() => migrationTargets(memberSubgraphs, ['fnuds'], env({}))).toThrow(
      'unknown subgraph fnuds: name some of institutes, enterprises, pilot-bases, funds, alliance',
    );
  });
});

test('a fresh database gets every migration once; the next run applies none', async () => {
  const embedded = await EmbeddedDatabase.open('memory://');
  try {
    const target = { kind: 'embedded', database: embedded } as const;
    const first = await migrateSubgraph(funds, target);
    expect(first).toHaveLength(ALL.length);
    expect(first).toContain('Initial1763800000000');
    expect(await migrateSubgraph(funds, target)).toEqual([]);
    // Migrations only: the tables are there and empty (no demo data).
    const { rows } = await embedded.pglite.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM funds.fund',
    );
    expect(rows).toEqual([{ count: 0 }]);
  } finally {
    await embedded.close();
  }
});

test('the command names what is wrong in one line and exits 1', async () => {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'services/migrate.ts'), 'funds'],
    {
      cwd: root,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(1);
  expect(stderr.trim()).toBe(
    'migrate: funds has no PostgreSQL database to migrate: set FUNDS_DATABASE_URL or DATABASE_URL (an embedded database migrates when its subgraph starts)',
  );
}, 30_000);

// Only a PostgreSQL server has other sessions that can race: the suite's second pass.
const server = process.env.TEST_DATABASE_URL;
(server ? describe : describe.skip)('on PostgreSQL', () => {
  const url = databaseUrlUnder(server ?? 'postgres://unused', `alliance_migrate_${randomUUID().slice(0, 8)}`);
  afterAll(async () => {
    if (server) await dropPostgresDatabase(url);
  });

  test('a missing database is not created unless asked', async () => {
    const targets = [{ module: funds, url, variable: 'FUNDS_DATABASE_URL' }];
    await expect(migrateAll(targets, false)).rejects.toThrow('(FUNDS_DATABASE_URL) does not exist');
  });

  test('two migrators at once (the Job and a replica starting): each migration applied exactly once', async () => {
    await ensurePostgresDatabase(url);
    const target = { kind: 'postgres', url } as const;
    const [a, b] = await Promise.all([migrateSubgraph(funds, target), migrateSubgraph(funds, target)]);
    expect(new Set([...a, ...b]).size).toBe(ALL.length);
    expect([a.length, b.length].sort()).toEqual([0, ALL.length]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM funds.migrations',
      );
      expect(rows).toEqual([{ count: ALL.length }]);
    } finally {
      await client.end();
    }
  });
});

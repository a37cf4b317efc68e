import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildDemoTemplate,
  isFreshDataDir,
  migrateAndSeed,
  readDemoTemplate,
  templateKey,
} from '../services/demo-template';
import { memberSubgraphs } from '../services/index';
import { EmbeddedDatabase, schemaOf } from '../shared/database';
import { environment } from '../shared/environment';
import { startChildStack } from './child-stack';
import { queryAt } from './federation';
import { embeddedTemplate } from './templates';

/**
 * A fresh `npm start` loads the demo data set's template (services/demo-template.ts)
 * instead of migrating and seeding, and ends up with the same database. The template is
 * the embedded default's: on PostgreSQL there is nothing to load it into.
 */
const embeddedOnly = environment().TEST_DATABASE_URL ? describe.skip : describe;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'demo-template-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every table of the member subgraphs' schemas with its row count, in one order. */
async function rowCounts(embedded: EmbeddedDatabase): Promise<Record<string, number>> {
  const schemas = memberSubgraphs.map((m) => schemaOf(m.name));
  const { rows: tables } = await embedded.pglite.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name
     FROM information_schema.tables
     WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE'
     ORDER BY 1`,
    [schemas],
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await embedded.pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
    counts[name] = rows[0]!.n;
  }
  return counts;
}

/** The data of a query's answer, which must have no errors. */
async function post<T>(url: string, query: string, token?: string): Promise<T> {
  const body = await queryAt<T>(url, query, undefined, token);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function projectCount(url: string): Promise<number> {
  return (await post<{ projects: { totalCount: number } }>(url, '{ projects { totalCount } }')).projects
    .totalCount;
}

/** Signs in as the demo secretariat (`/auth/demo`) and docks a new project; what it returns. */
async function createProjectAsSecretariat(url: string): Promise<unknown> {
  const signIn = await fetch(new URL('/auth/demo', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'secretariat' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const created = await post<{ createProject: unknown }>(
    url,
    'mutation { createProject(input: { code: "AMA-2026-190", title: "Restart check", achievementId: "ciac-ppc", leadEnterpriseId: "levima" }) { code } }',
    token,
  );
  return created.createProject;
}

embeddedOnly('the demo template', () => {
  test('a fresh npm start loads it, answers the README query and holds what migrating and seeding make', async () => {
    const key = templateKey();
    if (readDemoTemplate(key) === undefined) await buildDemoTemplate(key);

    const dataDir = path.join(dir, 'data');
    const stack = await startChildStack({ env: { DATA_DIR: dataDir } });
    try {
      expect(stack.output()).toMatch(/"fromTemplate":true/);
      const response = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ project(id: "dmto-industrialization") { code leadEnterprise { name } } }',
        }),
      });
      const body = (await response.json()) as {
        data?: { project: { code: string; leadEnterprise: { name: string } } };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      expect(body.data!.project).toMatchObject({
        code: 'AMA-2018-001',
        leadEnterprise: { name: 'Levima Advanced Materials Corporation' },
      });
    } finally {
      await stack.stop();
    }

    // The oracle: the same code migrating and seeding a new database — the suite's own
    // seeded template, which jest's global setup made that way (test/templates.ts), or,
    // outside jest, a database migrated and seeded here.
    const suiteTemplate = embeddedTemplate(true);
    const seeded = await EmbeddedDatabase.open('memory://', suiteTemplate);
    let expected: Record<string, number>;
    try {
      if (!suiteTemplate) await migrateAndSeed(seeded);
      expected = await rowCounts(seeded);
    } finally {
      await seeded.close();
    }
    const started = await EmbeddedDatabase.open(dataDir);
    try {
      const counts = await rowCounts(started);
      expect(Object.keys(counts).length).toBeGreaterThan(30);
      expect(counts['alliance.project']).toBeGreaterThan(0);
      expect(counts).toEqual(expected);
      // The template leaves out initdb's template databases: only the one PGlite opens.
      const { rows } = await started.pglite.query<{ datname: string }>('SELECT datname FROM pg_database');
      expect(rows.map((r) => r.datname)).toEqual(['postgres']);
    } finally {
      await started.close();
    }

    // The data directory the template made starts again, as data of its own, and takes writes.
    const restarted = await startChildStack({ env: { DATA_DIR: dataDir } });
    try {
      expect(restarted.output()).toMatch(/"fromTemplate":false/);
      const before = await projectCount(restarted.url);
      expect(await createProjectAsSecretariat(restarted.url)).toEqual({ code: 'AMA-2026-190' });
      expect(await projectCount(restarted.url)).toBe(before + 1);
    } finally {
      await restarted.stop();
    }
  }, 240_000);

  test('only a data directory without a database, or one in memory, is fresh', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    // What a first start may leave before the database: the local signing key.
    writeFileSync(path.join(empty, 'auth-key'), 'x');
    const existing = path.join(dir, 'existing');
    mkdirSync(existing);
    writeFileSync(path.join(existing, 'PG_VERSION'), '17\n');
    expect(isFreshDataDir(path.join(dir, 'missing'))).toBe(true);
    expect(isFreshDataDir(empty)).toBe(true);
    expect(isFreshDataDir('memory://')).toBe(true);
    expect(isFreshDataDir(existing)).toBe(false);
  });

  test('another version of the code has no template: its key differs and nothing is read for it', () => {
    const key = templateKey();
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(templateKey()).toBe(key);
    const other = key.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(readDemoTemplate(other)).toBeUndefined();
  });
});

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { memberSubgraphs } from '../services/index';
import { EmbeddedDatabase, openSubgraphDatabase, schemaOf } from '../shared/database';
import { TemplateTarball, templateOf } from '../shared/embedded-template';
import { databaseUrlUnder } from '../shared/postgres-server';
import { environment } from '../shared/environment';
import type { AnySubgraphModule } from '../shared/subgraph-server';

/*
 * The suite's databases from a template. Migrating and seeding five subgraphs is most of
 * what starting the federation costs, and every test file did it again. Jest's globalSetup
 * (test/global-setup.ts) now does it once per run, twice — one template with the demo data,
 * one without — and each test file starts from a copy:
 *
 * - PostgreSQL: a template database per subgraph and variant, copied with
 *   `CREATE DATABASE … TEMPLATE …` (a file copy on the server, no SQL replayed);
 * - PGlite: the embedded database's data directory dumped to a tarball, which a new PGlite
 *   loads instead of running initdb.
 *
 * A copy still goes through the subgraph's `runMigrations()` when it starts, which finds
 * nothing pending on a template built from the same code, so a new migration is never
 * skipped. Without the environment variables below (a single script outside jest, say)
 * startFederation migrates and seeds from scratch, as before.
 */

/** Directory holding `seeded.tar` and `bare.tar`, the embedded templates of this run. */
const EMBEDDED_TEMPLATES = 'ALLIANCE_TEST_TEMPLATE_DIR';
/** Name prefix of this run's PostgreSQL template databases. */
const POSTGRES_TEMPLATES = 'ALLIANCE_TEST_TEMPLATE_PREFIX';

/** `alliance_tpl_<unix seconds>_<random>`: unique per run, and dated so leftovers can go. */
const TEMPLATE_NAME = /^alliance_tpl_(\d+)_[0-9a-f]+_(seeded|bare)_[a-z_]+$/;
/** A run that left templates this old behind has crashed: no pass takes six hours. */
const STALE_AFTER_S = 6 * 3600;

type Variant = 'seeded' | 'bare';
const variantOf = (seed: boolean): Variant => (seed ? 'seeded' : 'bare');

function templateDatabase(prefix: string, variant: Variant, subgraph: string): string {
  return `${prefix}_${variant}_${schemaOf(subgraph)}`;
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrlUnder(serverUrl, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Builds this run's templates for the database the suite runs on (TEST_DATABASE_URL, else
 * PGlite) and names them in the environment, which jest's workers inherit.
 */
export async function buildTemplates(): Promise<void> {
  const serverUrl = environment().TEST_DATABASE_URL;
  if (serverUrl) process.env[POSTGRES_TEMPLATES] = await buildPostgresTemplates(serverUrl);
  else process.env[EMBEDDED_TEMPLATES] = await buildEmbeddedTemplates();
}

/** Removes this run's templates (jest's globalTeardown). */
export async function dropTemplates(): Promise<void> {
  const directory = process.env[EMBEDDED_TEMPLATES];
  if (directory) rmSync(directory, { recursive: true, force: true });
  const prefix = process.env[POSTGRES_TEMPLATES];
  const serverUrl = environment().TEST_DATABASE_URL;
  if (prefix && serverUrl) {
    await onServer(serverUrl, async (admin) => {
      for (const variant of ['seeded', 'bare'] as const)
        for (const module of memberSubgraphs)
          await admin.query(
            `DROP DATABASE IF EXISTS ${quoted(templateDatabase(prefix, variant, module.name))}`,
          );
    });
  }
}

async function buildEmbeddedTemplates(): Promise<string> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'alliance-templates-'));
  const embedded = await EmbeddedDatabase.open('memory://');
  try {
    const opened = [];
    for (const module of memberSubgraphs) {
      const database = await openSubgraphDatabase({
        schema: schemaOf(module.name),
        target: { kind: 'embedded', database: embedded },
        entities: module.entities,
        migrations: module.migrations,
      });
      opened.push({ module, dataSource: database.dataSource });
    }
    const write = async (variant: Variant): Promise<void> => {
      writeFileSync(path.join(directory, `${variant}.tar`), await templateOf(embedded));
    };
    await write('bare');
    for (const { module, dataSource } of opened) await module.seedDemoData(dataSource);
    await write('seeded');
    for (const { dataSource } of opened) await dataSource.destroy();
  } finally {
    await embedded.close();
  }
  return directory;
}

async function buildPostgresTemplates(serverUrl: string): Promise<string> {
  const prefix = `alliance_tpl_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, async (admin) => {
    await dropStaleTemplates(admin);
    for (const module of memberSubgraphs) {
      const bare = templateDatabase(prefix, 'bare', module.name);
      const seeded = templateDatabase(prefix, 'seeded', module.name);
      await admin.query(`CREATE DATABASE ${quoted(bare)}`);
      await preparePostgres(module, databaseUrlUnder(serverUrl, bare), false);
      await admin.query(`CREATE DATABASE ${quoted(seeded)} TEMPLATE ${quoted(bare)}`);
      await preparePostgres(module, databaseUrlUnder(serverUrl, seeded), true);
      // Copying needs a template nobody is connected to: refuse connections from now on.
      for (const name of [bare, seeded])
        await admin.query(`ALTER DATABASE ${quoted(name)} ALLOW_CONNECTIONS false`);
    }
  });
  return prefix;
}

async function preparePostgres(module: AnySubgraphModule, url: string, seed: boolean): Promise<void> {
  const { dataSource } = await openSubgraphDatabase({
    schema: schemaOf(module.name),
    target: { kind: 'postgres', url },
    entities: module.entities,
    migrations: module.migrations,
  });
  try {
    if (seed) await module.seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Templates a crashed run left behind (other runs' recent ones may be in use: leave those). */
async function dropStaleTemplates(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'alliance\\_tpl\\_%'`,
  );
  const now = Date.now() / 1000;
  for (const { datname } of rows) {
    const match = TEMPLATE_NAME.exec(datname);
    if (match && now - Number(match[1]) > STALE_AFTER_S)
      await admin.query(`DROP DATABASE IF EXISTS ${quoted(datname)} WITH (FORCE)`);
  }
}

/** The embedded template of this run, when there is one. */
export function embeddedTemplate(seed: boolean): Blob | undefined {
  const directory = process.env[EMBEDDED_TEMPLATES];
  return directory
    ? new TemplateTarball(readFileSync(path.join(directory, `${variantOf(seed)}.tar`)))
    : undefined;
}

/**
 * Creates each `databases` entry (subgraph → URL) as a copy of this run's template of that
 * subgraph; false when this run has no PostgreSQL templates.
 */
export async function cloneTemplates(
  serverUrl: string,
  seed: boolean,
  databases: Map<string, string>,
): Promise<boolean> {
  const prefix = process.env[POSTGRES_TEMPLATES];
  if (!prefix) return false;
  // One connection per copy: the server copies them side by side. All settle before a
  // failure is reported, so the caller's clean-up drops no database still being made.
  const copies = await Promise.allSettled(
    [...databases].map(([subgraph, url]) =>
      onServer(serverUrl, async (admin) => {
        const name = decodeURIComponent(new URL(url).pathname.slice(1));
        const template = templateDatabase(prefix, variantOf(seed), subgraph);
        await admin.query(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(template)}`);
      }),
    ),
  );
  const failed = copies.find((copy) => copy.status === 'rejected');
  if (failed) throw failed.reason;
  return true;
}

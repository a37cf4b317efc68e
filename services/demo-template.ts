import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_CACHE as CACHE } from '../shared/build-cache';
import { EmbeddedDatabase, openSubgraphDatabase, schemaOf } from '../shared/database';
import { TemplateTarball, templateOf } from '../shared/embedded-template';
import { memberSubgraphs } from './index';

/*
 * The demo data set as a template, so that a fresh `npm start` loads one tarball instead of
 * running initdb, every migration and the seed (most of the embedded start's time). It is
 * built once per version of the code — by `npm install` (`npm run build:template`) or by
 * hand — and kept where build tools keep caches, under node_modules/.cache. A start whose
 * code differs from the template's finds no template for its version and migrates and seeds
 * as before, so a template can never stand in for a migration or a seed it does not hold.
 */

const ROOT = path.join(__dirname, '..');

/** Every file the template's content can depend on: the subgraphs' and shared code, and the locked packages. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__') walk(full);
      } else if (/\.(ts|js|graphql)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(ROOT, 'services'));
  walk(path.join(ROOT, 'shared'));
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(lock)) files.push(lock);
  return files.sort();
}

/** The version of the code a template belongs to: a hash of every file it can depend on. */
export function templateKey(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function templatePath(key: string): string {
  return path.join(CACHE, `demo-${key}.tar`);
}

/**
 * Whether a data directory holds no database yet (PGlite would run initdb in it): the
 * template is for those only.
 */
export function isFreshDataDir(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** The demo template of this version of the code, when one was built. */
export function readDemoTemplate(key = templateKey()): Blob | undefined {
  const file = templatePath(key);
  return existsSync(file) ? new TemplateTarball(readFileSync(file)) : undefined;
}

/** Every member subgraph's schema in `embedded`, migrated, with the demo data: what a first start makes. */
export async function migrateAndSeed(embedded: EmbeddedDatabase): Promise<void> {
  for (const module of memberSubgraphs) {
    const { dataSource } = await openSubgraphDatabase({
      schema: schemaOf(module.name),
      target: { kind: 'embedded', database: embedded },
      entities: module.entities,
      migrations: module.migrations,
    });
    await module.seedDemoData(dataSource);
    await dataSource.destroy();
  }
}

/**
 * Builds the demo template of this version of the code (every member subgraph migrated and
 * seeded in a database in memory) and removes those of other versions; returns its path.
 */
export async function buildDemoTemplate(key = templateKey()): Promise<string> {
  const embedded = await EmbeddedDatabase.open('memory://');
  let tarball: Buffer;
  try {
    await migrateAndSeed(embedded);
    tarball = await templateOf(embedded);
  } finally {
    await embedded.close();
  }
  mkdirSync(CACHE, { recursive: true });
  const file = templatePath(key);
  // Written whole, then renamed: a start never reads half a template.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, tarball);
  renameSync(partial, file);
  for (const entry of readdirSync(CACHE)) {
    if (/^demo-[0-9a-f]+\.tar$/.test(entry) && path.join(CACHE, entry) !== file) {
      rmSync(path.join(CACHE, entry), { force: true });
    }
  }
  return file;
}

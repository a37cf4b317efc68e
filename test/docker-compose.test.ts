import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml, read as YAML (with its anchors merged): data survives `down`, the
 * demo data set comes back only when asked for, and no password is written in the file.
 */
const text = readFileSync(path.resolve(__dirname, '..', 'docker-compose.yml'), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}
const compose = parse(text, { merge: true }) as {
  version?: unknown;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

const databases = Object.entries(compose.services).filter(([, s]) => s.image?.startsWith('postgres'));

test('there is no obsolete version key', () => {
  expect(compose).not.toHaveProperty('version');
});

test('the migrate step seeds the demo data only when SEED_DEMO_DATA says so, off by default', () => {
  const migrate = compose.services.migrate;
  expect(migrate.command).toEqual(['node', '--import', 'tsx', 'services/seed.ts']);
  expect(migrate.environment?.SEED_DEMO_DATA).toBe('${SEED_DEMO_DATA:-false}');
});

test('every PostgreSQL keeps its data in a named volume', () => {
  expect(databases.map(([name]) => name).sort()).toEqual([
    'alliance-db',
    'enterprises-db',
    'funds-db',
    'institutes-db',
    'pilot-bases-db',
  ]);
  for (const [, database] of databases) {
    const [volume] = database.volumes ?? [];
    expect(volume).toMatch(/^[a-z-]+:\/var\/lib\/postgresql\/data$/);
    expect(compose.volumes).toHaveProperty(volume.split(':')[0]);
  }
});

test('no password is written in the file: each comes from a variable without a default', () => {
  for (const [, database] of databases) {
    expect(database.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
  }
  for (const service of Object.values(compose.services)) {
    for (const [name, value] of Object.entries(service.environment ?? {})) {
      if (!name.endsWith('_DATABASE_URL')) continue;
      expect(decodeURIComponent(new URL(value).password)).toBe('${POSTGRES_PASSWORD}');
    }
  }
  // Nothing of the kind anywhere else in the file either.
  expect(text).not.toMatch(/PASSWORD:\s*['"]?[A-Za-z0-9]/);
  expect(text).not.toMatch(/postgres:\/\/[^:\s]+:(?!\$\{)[^@\s]+@/);
});

import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Initial1763800000000 } from '../migrations/1763800000000-initial';
import { Demands1763900000000 } from '../migrations/1763900000000-demands';
import { SearchGraph1766000000000 } from '../migrations/1766000000000-search-graph';

/**
 * A migration that ran must mean the same forever. These migrations take part of their SQL
 * from shared modules (shared/ipc.ts, shared/matching-rules.ts, shared/search.ts, which
 * the institutes migrations use too), so a change there would silently change them: the
 * statements they send, up and down, are pinned by their hash.
 */
async function statementsOf(migration: MigrationInterface): Promise<string[]> {
  const sent: string[] = [];
  const runner = {
    query: (sql: string) => {
      sent.push(sql);
      return Promise.resolve([]);
    },
  } as unknown as QueryRunner;
  await migration.up(runner);
  await migration.down(runner);
  return sent;
}

test.each([
  {
    migration: new Initial1763800000000(),
    count: 4,
    sha256: '68922817d4f2b76f664cc69a7839b7be401a409c32026eb3a02e16d4a27baffe',
  },
  {
    migration: new Demands1763900000000(),
    count: 10,
    sha256: 'cc137ce17f47baabbaaa7cc2ecebad508a5409683a2a735756ea400674166fcf',
  },
  {
    migration: new SearchGraph1766000000000(),
    count: 16,
    sha256: 'edb616be01b5f5d7bdc3d963743b29c610cc4ac006662088a62f67494a62daa5',
  },
])('$migration.name sends the statements it always sent', async ({ migration, count, sha256 }) => {
  const statements = await statementsOf(migration);
  expect(statements).toHaveLength(count);
  expect(createHash('sha256').update(JSON.stringify(statements)).digest('hex')).toBe(sha256);
});

import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Initial1763800000000 } from '../migrations/1763800000000-initial';
import { InnovationChain1763900000000 } from '../migrations/1763900000000-innovation-chain';
import { MatchingPrefilter1764000000000 } from '../migrations/1764000000000-matching-prefilter';
import { SearchGraph1766000000000 } from '../migrations/1766000000000-search-graph';

/**
 * A migration that ran must mean the same forever. These migrations take part of their SQL
 * from shared modules (shared/ipc.ts, shared/matching-rules.ts, shared/search.ts, which
 * the enterprises migrations use too), so a change there would silently change them: the
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
    count: 6,
    sha256: '162210cdc367b4ab9d69f33a3329bec951cd7fb521e05fba1c8d680bb08ce435',
  },
  {
    migration: new InnovationChain1763900000000(),
    count: 29,
    sha256: 'e99c55f0a95c8a6d6c461bb1afa6d38fb298879b08a53e35932c4f619cd1009b',
  },
  {
    migration: new MatchingPrefilter1764000000000(),
    count: 4,
    sha256: 'a498c1d9616fb9a45cc11f13b15a972d268e0a7799fe6b221c6f77c181f72d98',
  },
  {
    migration: new SearchGraph1766000000000(),
    count: 14,
    sha256: 'b1cec96869ee8d766428eae1de8560d14e267817d69f5499d3e19b6a5147f7c2',
  },
])('$migration.name sends the statements it always sent', async ({ migration, count, sha256 }) => {
  const statements = await statementsOf(migration);
  expect(statements).toHaveLength(count);
  expect(createHash('sha256').update(JSON.stringify(statements)).digest('hex')).toBe(sha256);
});

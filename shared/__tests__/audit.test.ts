import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { ANONYMOUS, type Caller } from '../identity';
import { auditTrailMigration, boundedRequestId, changedFields, mayReadAudit } from '../audit';

describe('boundedRequestId', () => {
  test('keeps a UUID as it came', () => {
    const id = '0b6f3c5e-2a51-4c8e-9d3a-7f1e2b4c6d8a';
    expect(boundedRequestId(id)).toBe(id);
  });

  test('drops spaces and control characters, and keeps at most 128 characters', () => {
    expect(boundedRequestId('abc def\r\nforged: line')).toBe('abcdefforged:line');
    expect(boundedRequestId('x'.repeat(500))).toHaveLength(128);
  });

  test('is null when nothing usable came', () => {
    expect(boundedRequestId(undefined)).toBeNull();
    expect(boundedRequestId('')).toBeNull();
    expect(boundedRequestId(' \t\u00e9')).toBeNull();
  });
});

describe('changedFields', () => {
  test('a creation keeps every field of the new record, as JSON', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(changedFields(null, { id: 'a', trl: 4, createdAt: at })).toEqual({
      before: null,
      after: { id: 'a', trl: 4, createdAt: '2026-01-02T03:04:05.000Z' },
    });
  });

  test('an update keeps only what changed, on both sides, and never updatedAt', () => {
    expect(
      changedFields(
        { id: 'a', trl: 4, keywords: ['x'], note: null, updatedAt: new Date(0) },
        { id: 'a', trl: 5, keywords: ['x', 'y'], note: 'now', updatedAt: new Date() },
      ),
    ).toEqual({
      before: { trl: 4, keywords: ['x'], note: null },
      after: { trl: 5, keywords: ['x', 'y'], note: 'now' },
    });
  });

  test('a change that changes nothing records empty sides', () => {
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({ before: {}, after: {} });
  });
});

describe('mayReadAudit', () => {
  const caller = (organization: string, ...roles: Caller['roles']): Caller => {
    const [type, id] = organization.split(':');
    return { subject: `${organization}#user`, organization: { type, id } as Caller['organization'], roles };
  };
  const owners = [{ type: 'fund' as const, id: 'cas-amif' }];

  test('the owning organization reads, whatever its role', () => {
    expect(mayReadAudit(caller('fund:cas-amif', 'VIEWER'), owners)).toBe(true);
  });

  test('the secretariat reads every trail, but only with its role', () => {
    expect(mayReadAudit(caller('alliance:secretariat', 'SECRETARIAT'), owners)).toBe(true);
    expect(mayReadAudit(caller('alliance:secretariat', 'VIEWER'), owners)).toBe(false);
    expect(mayReadAudit(caller('enterprise:levima', 'SECRETARIAT'), owners)).toBe(false);
  });

  test('another organization and an anonymous caller do not', () => {
    expect(mayReadAudit(caller('fund:other', 'EDITOR'), owners)).toBe(false);
    expect(mayReadAudit(ANONYMOUS, owners)).toBe(false);
    expect(mayReadAudit(caller('fund:cas-amif', 'EDITOR'), [null])).toBe(false);
  });
});

/**
 * Every subgraph's audit migration is built here, so a change to this module would silently
 * change migrations that have run: the statements they send, up and down, are pinned.
 */
test.each([
  ['alliance', '8b79b38810fd58676eeb45cb0af1e3ee7ddfba897f43ad5d2255e6a8574d52fb'],
  ['enterprises', '129a0901b776806dff0a227c3275dd6951e3801d9352a7c774c70709b72d8e40'],
  ['funds', 'f83d7c06cd44d7e222f587d5a499794be076e56b2827a345579a22ee498a79ef'],
  ['institutes', '09689c7b20e3bd931ced1c44db6478c0b598d1351fe9c3b238aa894ec482d0e2'],
  ['pilot_bases', 'c7a67ad3e3e9db24561964673129b494800fe9cbbd0e9f79070b36742bf496e3'],
])('the %s audit migration sends the statements it always sent', async (schema, sha256) => {
  const sent: string[] = [];
  const runner = {
    query: (sql: string) => {
      sent.push(sql);
      return Promise.resolve([]);
    },
  } as unknown as QueryRunner;
  const migration = new (auditTrailMigration(schema, 1765200000000))();
  await migration.up(runner);
  await migration.down(runner);
  expect(sent).toHaveLength(7);
  expect(createHash('sha256').update(JSON.stringify(sent)).digest('hex')).toBe(sha256);
});

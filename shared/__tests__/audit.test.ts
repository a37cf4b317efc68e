import { ANONYMOUS, type Caller } from '../identity';
import { boundedRequestId, changedFields, mayReadAudit } from '../audit';

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

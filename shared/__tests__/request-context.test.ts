import { acceptRequestId } from '../request-context';

describe('acceptRequestId', () => {
  test.each(['abc-123', 'req_1.2:3', 'A'.repeat(128), '0b1f6a1e-2c1d-4c8e-9f3a-8d2c7e1b5a40'])(
    'keeps the well-formed %s',
    (id) => {
      expect(acceptRequestId(id)).toBe(id);
    },
  );

  test.each([
    ['absent', undefined],
    ['empty', ''],
    ['longer than 128', 'A'.repeat(129)],
    ['4 kB', 'a'.repeat(4096)],
    ['a control character', 'abc\u0001def'],
    ['a newline (a forged log line)', 'abc\n{"level":50}'],
    ['a space', 'abc def'],
    ['a quote', 'abc"def'],
    ['non-ASCII', 'abc-é'],
  ])('replaces an id that is %s by a new UUID', (_, id) => {
    const accepted = acceptRequestId(id);
    expect(accepted).not.toBe(id);
    expect(accepted).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

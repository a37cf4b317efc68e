import type { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, isStringPair, pageRequest, pageSize, toConnection } from '../pagination';

/** The extensions of the error `run` throws (none when it does not throw). */
function extensionsOf(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return {};
}

describe('page sizes', () => {
  test('default to 20 and accept 1…100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });

  test.each([0, -1, 101, 2.5])('refuse %p with BAD_USER_INPUT naming first', (first) => {
    expect(extensionsOf(() => pageSize(first))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('cursors', () => {
  test('round-trip a sort key', () => {
    const cursor = encodeCursor(['2019-07-08T00:00:00.000Z', 'cas-amif']);
    expect(decodeCursor(cursor, isStringPair)).toEqual(['2019-07-08T00:00:00.000Z', 'cas-amif']);
  });

  test.each(['not base64 json', encodeCursor({ id: 1 }), encodeCursor(['only one'])])(
    'refuse a foreign cursor %p',
    (cursor) => {
      expect(extensionsOf(() => pageRequest({ after: cursor }, isStringPair))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    },
  );
});

describe('connections', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  test('the extra row only tells that another page follows', () => {
    const connection = toConnection(rows, 2, (r) => r.id, 7);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
    expect(connection.totalCount).toBe(7);
  });

  test('the last page says so', () => {
    const connection = toConnection(rows, 3, (r) => r.id, 3);
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });

  test('an empty page has no end cursor', () => {
    expect(toConnection([], 5, (r: { id: string }) => r.id, 0).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: null,
    });
  });
});

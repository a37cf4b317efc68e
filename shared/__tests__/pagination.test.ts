import type { GraphQLError } from 'graphql';
import {
  decodeCursor,
  encodeCursor,
  isStringPair,
  keysetSql,
  pageRequest,
  pageSize,
  toConnection,
} from '../pagination';

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
  test('round-trip a sort key of their ordering', () => {
    const cursor = encodeCursor(['2019-07-08T00:00:00.000Z', 'cas-amif'], 'investments');
    expect(decodeCursor(cursor, isStringPair, 'investments')).toEqual([
      '2019-07-08T00:00:00.000Z',
      'cas-amif',
    ]);
  });

  test.each([
    'not base64 json',
    encodeCursor({ id: 1 }),
    encodeCursor(['only one']),
    encodeCursor(['a', 'b'], 'another order'),
    Buffer.from('["a","b"]').toString('base64url'),
  ])('refuse a foreign cursor %p', (cursor) => {
    expect(extensionsOf(() => pageRequest({ after: cursor }, isStringPair))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(extensionsOf(() => pageRequest({ last: 2, before: cursor }, isStringPair))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'before',
    });
  });
});

describe('page requests', () => {
  test('page forward by default, backward with last or before', () => {
    expect(pageRequest({}, isStringPair)).toMatchObject({ limit: 20, backward: false, cursor: null });
    expect(pageRequest({ last: 5 }, isStringPair)).toMatchObject({ limit: 5, backward: true, cursor: null });
    const before = encodeCursor(['x', 'y']);
    expect(pageRequest({ before }, isStringPair)).toMatchObject({
      limit: 20,
      backward: true,
      cursor: ['x', 'y'],
    });
  });

  test.each([
    [{ first: 2, last: 2 }, 'last'],
    [{ last: 0 }, 'last'],
    [{ last: 101 }, 'last'],
    [{ last: 2, after: encodeCursor(['x', 'y']) }, 'after'],
    [{ first: 2, before: encodeCursor(['x', 'y']) }, 'before'],
  ])('refuse %p naming %s', (args, field) => {
    expect(extensionsOf(() => pageRequest(args, isStringPair))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });
});

describe('keyset SQL', () => {
  const sort = [
    { expr: 'p.created_at', descending: true },
    { expr: 'p.id', descending: true },
  ];

  test('one row comparison when every key runs the same way, reversed backward', () => {
    const cursor = ['2020-01-01T00:00:00.000Z', 'p1'];
    expect(keysetSql(sort, { limit: 5, backward: false, cursor, ordering: '' })).toEqual({
      where: '(p.created_at, p.id) < (:cursor0, :cursor1)',
      orderBy: [
        { expr: 'p.created_at', direction: 'DESC' },
        { expr: 'p.id', direction: 'DESC' },
      ],
      params: { cursor0: cursor[0], cursor1: 'p1' },
    });
    expect(keysetSql(sort, { limit: 5, backward: true, cursor, ordering: '' })).toMatchObject({
      where: '(p.created_at, p.id) > (:cursor0, :cursor1)',
      orderBy: [
        { expr: 'p.created_at', direction: 'ASC' },
        { expr: 'p.id', direction: 'ASC' },
      ],
    });
  });

  test('a mixed order spells the comparison out', () => {
    const mixed = [
      { expr: 'r', descending: true, cast: 'numeric' },
      { expr: 'a.id', descending: false },
    ];
    expect(keysetSql(mixed, { limit: 5, backward: false, cursor: ['0.5', 'x'], ordering: '' }).where).toBe(
      '((r < CAST(:cursor0 AS numeric)) OR (r = CAST(:cursor0 AS numeric) AND a.id > :cursor1))',
    );
  });
});

describe('connections', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const forward = { limit: 2, backward: false, ordering: '' };

  test('the extra row only tells that another page follows', () => {
    const connection = toConnection(rows, forward, (r) => r.id, 7);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor('a'),
      endCursor: encodeCursor('b'),
    });
    expect(connection.totalCount).toBe(7);
  });

  test('a backward page, fetched in reverse, comes out in the list order', () => {
    const connection = toConnection(
      [{ id: 'c' }, { id: 'b' }, { id: 'a' }],
      { ...forward, backward: true },
      (r) => r.id,
      7,
    );
    expect(connection.edges.map((e) => e.node.id)).toEqual(['b', 'c']);
    expect(connection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: encodeCursor('b'),
      endCursor: encodeCursor('c'),
    });
  });

  test('the last page says so', () => {
    const connection = toConnection(rows, { ...forward, limit: 3 }, (r) => r.id, 3);
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });

  test('an empty page has no cursors', () => {
    expect(toConnection([], forward, (r: { id: string }) => r.id, 0).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});

import type { Federation, GraphQLResponse } from './federation';

/**
 * What the end-to-end tests do with GraphQL answers again and again: read the data of a
 * query that must succeed, walk a connection page by page, count the SQL statements a query
 * costs, and check that a refused mutation changed nothing.
 */

/** A Relay connection page as the tests select it: ids of the nodes and where the page ends. */
export interface Page {
  totalCount?: number;
  pageInfo: {
    hasNextPage: boolean;
    endCursor: string | null;
    hasPreviousPage?: boolean;
    startCursor?: string | null;
  };
  edges: { node: { id: string } }[];
}

/** The selection of a connection field that answers a `Page`. */
export const PAGE_OF_IDS = /* GraphQL */ `
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
    }
  }
`;

/** `PAGE_OF_IDS` with both ends of the page, for walking backward too. */
export const TWO_WAY_PAGE_OF_IDS = /* GraphQL */ `
  totalCount
  pageInfo {
    hasNextPage
    hasPreviousPage
    startCursor
    endCursor
  }
  edges {
    node {
      id
    }
  }
`;

/** The node ids of a page, in order. */
export const idsOf = (page: Pick<Page, 'edges'>): string[] => page.edges.map((edge) => edge.node.id);

/** The data of a response that must have no errors. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/**
 * Every page of a connection, fetched with `pageAfter(cursor)` from the first (`null`) to
 * the last, their node ids concatenated. `between(n)` runs after page n when another follows.
 */
export async function walkPages(
  pageAfter: (after: string | null) => Promise<Page>,
  between?: (pageNumber: number) => Promise<unknown>,
): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page: Page = await pageAfter(after);
    seen.push(...idsOf(page));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
    await between?.(pageNumber);
  }
}

/**
 * Every page of a connection walked backward, with `pageBefore(cursor)` from the last page
 * (`null`) to the first, their node ids in the list's order. A backward page holds its
 * edges in the list's order too (Relay). `between(n)` runs after page n when another precedes.
 */
export async function walkPagesBackward(
  pageBefore: (before: string | null) => Promise<Page>,
  between?: (pageNumber: number) => Promise<unknown>,
): Promise<string[]> {
  const pages: string[][] = [];
  let before: string | null = null;
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page: Page = await pageBefore(before);
    pages.unshift(idsOf(page));
    if (!page.pageInfo.hasPreviousPage) return pages.flat();
    before = page.pageInfo.startCursor ?? null;
    await between?.(pageNumber);
  }
}

/** The SQL statements each subgraph ran for a query that must succeed, and its data. */
export async function statementsOf<T>(
  federation: Federation,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ counts: Record<string, number>; data: T }> {
  let data: T | undefined;
  const counts = await federation.statementsDuring(async () => {
    data = dataOf(await federation.query<T>(query, variables, token));
  });
  return { counts, data: data! };
}

/**
 * Sends a mutation (`{ input }`) that must be refused: the first error carries `expected`
 * (its code, and the field it names), no data comes back, and what `snapshot` reads of the
 * database is as it was before. Returns the errors for further checks.
 */
export async function expectRefused(
  federation: Federation,
  snapshot: () => Promise<unknown>,
  mutation: string,
  input: Record<string, unknown>,
  token: string,
  expected: { code: string; field?: string },
): Promise<GraphQLResponse['errors']> {
  const before = await snapshot();
  const response = await federation.query(mutation, { input }, token);
  expect(response.errors?.[0]?.extensions).toMatchObject(expected);
  expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
  expect(await snapshot()).toEqual(before);
  return response.errors;
}

/**
 * Polls `probe` every 100 ms until it returns a value: for what the gateway does on its own
 * schedule (a supergraph poll). Gives up with `what` after `attempts` tries.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  attempts = 300,
): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

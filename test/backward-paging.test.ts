import { givenInvestment } from './builders';
import { givenBooking } from './builders-capital';
import { startFederation, type Federation } from './federation';
import { dataOf, TWO_WAY_PAGE_OF_IDS, walkPages, walkPagesBackward, type Page } from './graphql';

/**
 * Every connection of the five subgraphs pages backward (`last`/`before`) through the one
 * shared keyset pager: walked backward one at a time, a list comes out exactly as walked
 * forward, and the two directions do not mix.
 */
let federation: Federation;
let member: string;

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('institute:dicp', 'VIEWER');
  // A few more investments than the demo data holds, several on one day (ties by id).
  for (let i = 0; i < 5; i += 1)
    await givenInvestment(federation, { committedOn: '2021-06-01', enterpriseId: 'levima' });
  // And three more pilot runs at Tengzhou for its calendar.
  for (const month of ['01', '02', '03']) {
    await givenBooking(federation, {
      facilityId: 'tengzhou-olefin-pilot',
      projectId: 'dmto-industrialization',
      start: `2031-${month}-01`,
      end: `2031-${month}-10`,
    });
  }
});
afterAll(async () => {
  await federation.stop();
});

const PAGE_ARGS = 'first: $first, after: $after, last: $last, before: $before';
const PAGE_VARS = '$first: Int, $after: String, $last: Int, $before: String';

/** [subgraph and list, the field with its page arguments, whether to ask as a member]. */
const LISTS: [string, string, boolean][] = [
  ['alliance: members', `members(${PAGE_ARGS})`, false],
  ['alliance: experts', `experts(${PAGE_ARGS})`, false],
  ['enterprises: enterprises', `enterprises(${PAGE_ARGS})`, false],
  ['enterprises: technology demands', `technologyDemands(${PAGE_ARGS})`, false],
  ['institutes: achievements', `achievements(${PAGE_ARGS})`, true],
  [
    'institutes: achievement search',
    `searchAchievements(query: "film or catalyst or polymer", ${PAGE_ARGS})`,
    true,
  ],
  ['funds: investments', `investments(${PAGE_ARGS})`, true],
  [
    'pilot-bases: available facilities',
    `availableFacilities(from: "2027-03-01", to: "2027-03-15", ${PAGE_ARGS})`,
    false,
  ],
];

test.each(LISTS)(
  '%s, walked backward one at a time, is the list walked forward',
  async (_name, field, asMember) => {
    const query = `query(${PAGE_VARS}) { list: ${field} { ${TWO_WAY_PAGE_OF_IDS} } }`;
    const page = async (variables: Record<string, unknown>) =>
      dataOf(await federation.query<{ list: Page }>(query, variables, asMember ? member : undefined)).list;
    const forward = await walkPages((after) => page({ first: 1, after }));
    const backward = await walkPagesBackward((before) => page({ last: 1, before }));
    expect(forward.length).toBeGreaterThanOrEqual(2);
    expect(backward).toEqual(forward);
  },
);

test("a base's calendar pages backward too", async () => {
  const query = `query(${PAGE_VARS}) {
    pilotBase(id: "tengzhou") { calendar(from: "2000-01-01", to: "2100-01-01", includeCancelled: true, ${PAGE_ARGS}) { ${TWO_WAY_PAGE_OF_IDS} } }
  }`;
  const page = async (variables: Record<string, unknown>) =>
    dataOf(await federation.query<{ pilotBase: { calendar: Page } }>(query, variables, member)).pilotBase
      .calendar;
  const forward = await walkPages((after) => page({ first: 1, after }));
  const backward = await walkPagesBackward((before) => page({ last: 1, before }));
  expect(forward.length).toBeGreaterThanOrEqual(4);
  expect(backward).toEqual(forward);
});

test.each([
  [{ first: 2, last: 2 }, 'last'],
  [{ last: 2, after: 'x' }, 'after'],
  [{ first: 2, before: 'x' }, 'before'],
  [{ last: 2, before: 'not-a-cursor' }, 'before'],
])('members refuse %p naming %s', async (variables, field) => {
  const response = await federation.query(
    `query(${PAGE_VARS}) { members(${PAGE_ARGS}) { totalCount } }`,
    variables,
  );
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
});

test('a cursor of one list is refused by another', async () => {
  const members = dataOf(
    await federation.query<{ members: Page }>(`{ members(first: 1) { ${TWO_WAY_PAGE_OF_IDS} } }`),
  ).members;
  const response = await federation.query(
    `query($after: String) { enterprises(after: $after) { totalCount } }`,
    {
      after: members.pageInfo.endCursor,
    },
  );
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
});

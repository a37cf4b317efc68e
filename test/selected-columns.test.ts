import { GATEWAY_PROOF_HEADER, secretFrom, signGatewayProof, type Caller } from '../shared/identity';
import {
  hydratedRowsByIds,
  rawSelectByIds,
  rowsByIds,
  type ColumnsOfFields,
} from '../shared/selected-columns';
import { PROJECT_COLUMNS, STAGE_CHANGE_COLUMNS } from '../services/alliance/projects/resolvers';
import { ENTERPRISE_COLUMNS } from '../services/enterprises/resolvers';
import { BOOKING_COLUMNS, FACILITY_COLUMNS, PILOT_BASE_COLUMNS } from '../services/pilot-bases/resolvers';
import { ProjectEntity } from '../services/alliance/projects/project.entity';
import { StageChangeEntity } from '../services/alliance/projects/stage-change.entity';
import { EnterpriseEntity } from '../services/enterprises/entities/enterprise.entity';
import { BookingEntity } from '../services/pilot-bases/entities/booking.entity';
import { FacilityEntity } from '../services/pilot-bases/entities/facility.entity';
import { PilotBaseEntity } from '../services/pilot-bases/entities/pilot-base.entity';
import { givenInvestment } from './builders';
import { givenBooking } from './builders-capital';
import { startFederation, type Federation } from './federation';

/**
 * The entities whose loaders read only the columns a selection asks for
 * (shared/selected-columns.ts). Each field a plan lists, asked alone, must answer exactly
 * what it answers beside every other listed field (whole rows): a field whose resolver
 * reads a property the plan does not name for it answers otherwise (a null, an error).
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

const SECRETARIAT: Caller = {
  subject: 'alliance:secretariat#columns-test',
  organization: { type: 'alliance', id: 'secretariat' },
  roles: ['SECRETARIAT'],
};

/** Asks a subgraph `_entities` directly, as the gateway does, for the secretariat; the whole answer. */
async function entitiesAnswer(
  subgraph: string,
  typename: string,
  ids: string[],
  selection: string,
  variables: { definitions: string; values: Record<string, unknown> } = { definitions: '', values: {} },
): Promise<{ data?: { _entities: Record<string, unknown>[] }; errors?: { extensions?: unknown }[] }> {
  const proof = await signGatewayProof(secretFrom(federation.gatewaySecret), subgraph, SECRETARIAT);
  const response = await fetch(federation.stack.subgraphs.get(subgraph)!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_PROOF_HEADER]: proof },
    body: JSON.stringify({
      query: `query($representations: [_Any!]!${variables.definitions}) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
      variables: { representations: ids.map((id) => ({ __typename: typename, id })), ...variables.values },
    }),
  });
  return (await response.json()) as never;
}

/** The entities of an answer without errors. */
async function entities(...args: Parameters<typeof entitiesAnswer>): Promise<Record<string, unknown>[]> {
  const body = await entitiesAnswer(...args);
  expect(body.errors).toBeUndefined();
  return body.data!._entities;
}

async function idsOf(subgraph: string, sql: string): Promise<string[]> {
  const rows = await federation.stack.subgraphs.get(subgraph)!.dataSource.query<{ id: string }[]>(sql);
  expect(rows.length).toBeGreaterThan(1);
  return rows.map((row) => row.id);
}

interface Case {
  plan: ColumnsOfFields<never>;
  subgraph: string;
  /** The entity type asked for, and its ids. */
  typename: string;
  ids: () => Promise<string[]>;
  /** How the plan's type is reached from the entity: `inner` in place of its fields. */
  path: (inner: string) => string;
  /** Sub-selections of the listed fields that are objects or lists of them. */
  objects?: Record<string, string>;
  /** The entity class whose rows the plan reads. */
  entity: new () => unknown;
  /**
   * A field the plan does not list, asked beside all the listed ones so that the answer they
   * are compared with comes from whole rows (needed when the listed fields leave a column out).
   */
  unlisted?: string;
}

/** A project of each stage there is (each has its docking in its history, at least). */
const projectsOfEachStage = () =>
  idsOf('alliance', 'SELECT DISTINCT ON (stage) id FROM alliance.project ORDER BY stage, id');
const projectsWithBookings = () =>
  idsOf('pilot-bases', 'SELECT DISTINCT project_id AS id FROM pilot_bases.booking ORDER BY 1 LIMIT 6');

const CASES: Case[] = [
  {
    plan: ENTERPRISE_COLUMNS,
    subgraph: 'enterprises',
    typename: 'Enterprise',
    ids: () => idsOf('enterprises', 'SELECT id FROM enterprises.enterprise ORDER BY id LIMIT 6'),
    path: (inner) => inner,
    objects: { products: '{ id name }', demands: '{ id }' },
    entity: EnterpriseEntity,
  },
  {
    plan: PROJECT_COLUMNS,
    subgraph: 'alliance',
    typename: 'Project',
    ids: projectsOfEachStage,
    path: (inner) => inner,
    objects: { leadEnterprise: '{ id }', history: '{ to }', reviews: '{ id }' },
    entity: ProjectEntity,
    unlisted: 'alliance { id }',
  },
  {
    plan: STAGE_CHANGE_COLUMNS,
    subgraph: 'alliance',
    typename: 'Project',
    ids: projectsOfEachStage,
    path: (inner) => `history { ${inner} }`,
    entity: StageChangeEntity,
  },
  {
    plan: BOOKING_COLUMNS,
    subgraph: 'pilot-bases',
    typename: 'Project',
    ids: projectsWithBookings,
    path: (inner) => `bookings { ${inner} }`,
    objects: { facility: '{ id }', project: '{ id }' },
    entity: BookingEntity,
    unlisted: 'auditTrail { totalCount }',
  },
  {
    plan: FACILITY_COLUMNS,
    subgraph: 'pilot-bases',
    typename: 'Project',
    ids: projectsWithBookings,
    path: (inner) => `bookings { facility { ${inner} } }`,
    objects: {
      base: '{ id }',
      dailyRate: '{ amount currency }',
      utilization: '(from: "2025-01-01", to: "2025-12-31") { bookedDays rate }',
    },
    entity: FacilityEntity,
  },
  {
    plan: PILOT_BASE_COLUMNS,
    subgraph: 'pilot-bases',
    typename: 'PilotBase',
    ids: () => idsOf('pilot-bases', 'SELECT id FROM pilot_bases.pilot_base ORDER BY id LIMIT 6'),
    path: (inner) => inner,
    objects: { operator: '{ id }', facilities: '{ id name }' },
    entity: PilotBaseEntity,
  },
];

describe.each(CASES.map((c) => [`${c.plan.typename} (${c.subgraph})`, c] as const))(
  '%s read by the columns a selection asks',
  (_name, c) => {
    const fieldText = (field: string) => `${field} ${c.objects?.[field] ?? ''}`;

    test('the answer compared with comes from whole rows', () => {
      // Either a field outside the plan is asked beside the listed ones, or the listed
      // fields already read every column of the entity.
      if (c.unlisted) {
        expect(c.plan.fields[c.unlisted.split(' ')[0]!]).toBeUndefined();
        return;
      }
      const dataSource = federation.stack.subgraphs.get(c.subgraph)!.dataSource;
      const read = new Set<string>([...c.plan.always, ...Object.values(c.plan.fields).flat()]);
      const columns = dataSource.getMetadata(c.entity).columns.map((column) => column.propertyName);
      expect(columns.filter((column) => !read.has(column))).toEqual([]);
    });

    test('each listed field, asked alone, answers what it answers from whole rows', async () => {
      const ids = await c.ids();
      const fields = Object.keys(c.plan.fields);
      const listed = fields.map(fieldText).join(' ');
      const whole = await entities(c.subgraph, c.typename, ids, c.path(`${listed} ${c.unlisted ?? ''}`));
      for (const field of fields) {
        const alone = await entities(c.subgraph, c.typename, ids, c.path(fieldText(field)));
        expect({ field, answers: alone }).toEqual({
          field,
          answers: whole.map((entity) => pick(entity, field)),
        });
      }
    });
  },
);

/**
 * Asked in one way by an `_entities` selection, projects' `history` is read beside the
 * projects and handed to each project without a promise (`historyAsked`); asked in several
 * ways, each field reads its own. Either way the answers and the statements are the same.
 */
describe('history asked through _entities', () => {
  test('one way or several, each history is what it is when asked alone', async () => {
    const ids = await projectsOfEachStage();
    const short = await entities('alliance', 'Project', ids, 'id history(first: 2) { to at }');
    const full = await entities('alliance', 'Project', ids, 'id history { from to by at reason }');
    const both = await entities(
      'alliance',
      'Project',
      ids,
      'id short: history(first: $n) { to at } history { from to by at reason }',
      { definitions: ', $n: Int', values: { n: 2 } },
    );
    expect(both.map(({ id, short: history }) => ({ id, history }))).toEqual(short);
    expect(both.map(({ id, history }) => ({ id, history }))).toEqual(full);
    // Every project has its docking, and some have more than two changes.
    expect(full.every((project) => (project.history as unknown[]).length >= 1)).toBe(true);
    expect(full.some((project) => (project.history as unknown[]).length > 2)).toBe(true);
  });

  test('a list of projects with their history costs as many statements as one', async () => {
    const ids = await projectsOfEachStage();
    const statements = async (asked: string[]) =>
      (
        await federation.statementsDuring(() =>
          entities('alliance', 'Project', asked, 'id code history { to }'),
        )
      ).alliance;
    expect(await statements(ids)).toBe(await statements(ids.slice(0, 1)));
    expect(await statements(ids)).toBe(2);
  });

  test('a size the bound refuses is refused by the field, naming its argument', async () => {
    const ids = await projectsOfEachStage();
    const answer = await entitiesAnswer('alliance', 'Project', ids, 'id history(first: 1000) { to }');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

/**
 * Asked in one way under a project's `bookings`, each booking's facility and its base are
 * read as the bookings arrive and handed over without a promise; asked under two names,
 * each field reads its own. The answers and the statements are the same either way.
 */
describe('facilities and bases asked through bookings', () => {
  const ONE_WAY = 'id bookings { id facility { name dailyRate { amount } base { name city } } }';

  test('one way or two, each booking names the facility and base it is booked at', async () => {
    const ids = await projectsWithBookings();
    const oneWay = await entities('pilot-bases', 'Project', ids, ONE_WAY);
    const twoWays = await entities(
      'pilot-bases',
      'Project',
      ids,
      'id bookings { id facility { name dailyRate { amount } base { name city } } f: facility { id base { id } } }',
    );
    expect(
      twoWays.map(({ id, bookings }) => ({
        id,
        bookings: (bookings as { f: unknown }[]).map(({ f: _, ...booking }) => booking),
      })),
    ).toEqual(oneWay);
    const facilities = oneWay.flatMap((project) =>
      (project.bookings as { facility: { base: { name: string } } }[]).map((booking) => booking.facility),
    );
    expect(facilities.length).toBeGreaterThan(1);
    expect(facilities.every((facility) => facility.base.name.length > 0)).toBe(true);
  });

  test('a size set by a variable reads that many bookings of each project, as a literal does', async () => {
    // A second run of the DMTO project, at another base, later than its first.
    const second = await givenBooking(federation, {
      facilityId: 'ningdong-pv-field',
      projectId: 'dmto-industrialization',
      start: '2029-01-01',
      end: '2029-02-01',
    });
    try {
      const ids = await projectsWithBookings();
      const all = await entities('pilot-bases', 'Project', ids, 'id bookings { id start }');
      const literal = await entities('pilot-bases', 'Project', ids, 'id bookings(first: 1) { id start }');
      const variable = await entities('pilot-bases', 'Project', ids, 'id bookings(first: $n) { id start }', {
        definitions: ', $n: Int',
        values: { n: 1 },
      });
      expect(variable).toEqual(literal);
      // Each project's first booking by start; the DMTO project has two.
      expect(literal).toEqual(
        all.map(({ id, bookings }) => ({ id, bookings: (bookings as unknown[]).slice(0, 1) })),
      );
      expect(all.find((project) => project.id === 'dmto-industrialization')!.bookings).toHaveLength(2);
    } finally {
      await federation.stack.subgraphs
        .get('pilot-bases')!
        .dataSource.query('DELETE FROM pilot_bases.booking WHERE id = $1', [second]);
    }
  });

  test('a size the bound refuses is refused by the field, naming its argument', async () => {
    const ids = await projectsWithBookings();
    const answer = await entitiesAnswer('pilot-bases', 'Project', ids, 'id bookings(first: 1000) { id }');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('projects with their bookings, facilities and bases cost as many statements as one', async () => {
    const ids = await projectsWithBookings();
    const statements = async (asked: string[]) =>
      (await federation.statementsDuring(() => entities('pilot-bases', 'Project', asked, ONE_WAY)))[
        'pilot-bases'
      ];
    expect(await statements(ids)).toBe(await statements(ids.slice(0, 1)));
    expect(await statements(ids)).toBe(3);
  });
});

/**
 * Asked by an `_entities` selection, achievements' institutes are read for the whole batch
 * and handed to each achievement without a promise; the answers and the statements are those
 * of each field reading its own.
 */
describe('institutes asked through _entities', () => {
  const achievementsOfInstitutes = () =>
    idsOf(
      'institutes',
      'SELECT DISTINCT ON (institute_id) id FROM institutes.achievement ORDER BY institute_id, id',
    );

  test('each achievement names its own institute, however the selection asks for it', async () => {
    const ids = await achievementsOfInstitutes();
    const asked = await entities('institutes', 'Achievement', ids, 'id institute { id name }');
    const twice = await entities(
      'institutes',
      'Achievement',
      ids,
      'id institute { id name } again: institute { id }',
    );
    expect(twice.map(({ again: _, ...achievement }) => achievement)).toEqual(asked);
    const owners = await federation.stack.subgraphs
      .get('institutes')!
      .dataSource.query<{ id: string; institute_id: string }[]>(
        'SELECT id, institute_id FROM institutes.achievement WHERE id = ANY($1)',
        [ids],
      );
    const ownerOf = new Map(owners.map((row) => [row.id, row.institute_id]));
    expect(asked.map((a) => (a.institute as { id: string }).id)).toEqual(ids.map((id) => ownerOf.get(id)));
    expect(new Set(asked.map((a) => (a.institute as { id: string }).id)).size).toBe(ids.length);
  });

  test('achievements with their institutes cost as many statements as one', async () => {
    const ids = await achievementsOfInstitutes();
    const statements = async (asked: string[]) =>
      (
        await federation.statementsDuring(() =>
          entities('institutes', 'Achievement', asked, 'id title institute { name }'),
        )
      ).institutes;
    expect(await statements(ids)).toBe(await statements(ids.slice(0, 1)));
    expect(await statements(ids)).toBe(2);
  });
});

/**
 * Asked in one way by an `_entities` selection, projects' investments and their funds are
 * read for the whole batch and handed to each project without a promise; asked under two
 * names, each field reads its own. The answers and the statements are the same either way.
 */
describe('investments asked through _entities', () => {
  const ONE_WAY = 'id investments { id amount { amount currency } fund { name } }';
  let ids: string[];

  beforeAll(async () => {
    // Two projects with investments from two funds, one with three, one with none.
    ids = ['test-invested-a', 'test-invested-b', 'test-invested-none'];
    const invested = [
      { projectId: ids[0], fundId: 'cas-amif', amount: '1500000.00', committedOn: '2024-01-01' },
      { projectId: ids[0], fundId: 'zhejiang-amif', amount: '250000.50', committedOn: '2024-03-01' },
      { projectId: ids[0], fundId: 'cas-amif', amount: '99.99', committedOn: '2024-06-01' },
      { projectId: ids[1], fundId: 'zhejiang-amif', amount: '7000000.00', committedOn: '2023-05-01' },
    ];
    for (const investment of invested) await givenInvestment(federation, investment);
  });

  test('one way or two, each investment names its fund and its amount in yuan', async () => {
    const oneWay = await entities('funds', 'Project', ids, ONE_WAY);
    const twoWays = await entities(
      'funds',
      'Project',
      ids,
      `${ONE_WAY} newest: investments(first: 1) { id }`,
    );
    expect(twoWays.map(({ newest: _, ...project }) => project)).toEqual(oneWay);
    expect(twoWays.map((project) => project.newest)).toEqual(
      oneWay.map((project) =>
        (project.investments as { id: string }[]).slice(0, 1).map(({ id }) => ({ id })),
      ),
    );
    const amounts = oneWay.map((project) =>
      (project.investments as { amount: { amount: string }; fund: { name: string } }[]).map(
        (investment) => investment.amount.amount,
      ),
    );
    // The newest first.
    expect(amounts).toEqual([['99.99', '250000.50', '1500000.00'], ['7000000.00'], []]);
    const funds = oneWay.flatMap((project) =>
      (project.investments as { amount: { currency: string }; fund: { name: string } }[]).map(
        (investment) => [investment.fund.name, investment.amount.currency],
      ),
    );
    expect(new Set(funds.map(([, currency]) => currency))).toEqual(new Set(['CNY']));
    expect(new Set(funds.map(([name]) => name)).size).toBe(2);
  });

  test('a size set by a variable reads that many investments of each project, as a literal does', async () => {
    const literal = await entities('funds', 'Project', ids, 'id investments(first: 2) { id }');
    const variable = await entities('funds', 'Project', ids, 'id investments(first: $n) { id }', {
      definitions: ', $n: Int',
      values: { n: 2 },
    });
    expect(variable).toEqual(literal);
    expect(literal.map((project) => (project.investments as unknown[]).length)).toEqual([2, 1, 0]);
  });

  test('a size the bound refuses is refused by the field, naming its argument', async () => {
    const answer = await entitiesAnswer('funds', 'Project', ids, 'id investments(first: 1000) { id }');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('projects with their investments and funds cost as many statements as one', async () => {
    const statements = async (asked: string[]) =>
      (await federation.statementsDuring(() => entities('funds', 'Project', asked, ONE_WAY))).funds;
    expect(await statements(ids)).toBe(await statements(ids.slice(0, 1)));
    expect(await statements(ids)).toBe(2);
  });
});

/**
 * `rowsByIds` reads plain columns with a raw statement and hands back the driver's rows:
 * they must be what TypeORM's hydration makes of the same rows, value for value and type
 * for type (a `numeric` as its text, a `timestamptz` a `Date`, a text array an array), for
 * whole rows and for each column alone, on either database.
 */
describe.each([
  ['alliance', ProjectEntity, projectsOfEachStage],
  [
    'enterprises',
    EnterpriseEntity,
    () => idsOf('enterprises', 'SELECT id FROM enterprises.enterprise ORDER BY id LIMIT 6'),
  ],
  [
    'pilot-bases',
    FacilityEntity,
    () => idsOf('pilot-bases', 'SELECT id FROM pilot_bases.facility ORDER BY id LIMIT 6'),
  ],
  [
    'pilot-bases',
    PilotBaseEntity,
    () => idsOf('pilot-bases', 'SELECT id FROM pilot_bases.pilot_base ORDER BY id LIMIT 6'),
  ],
] as const)('rows of %s %p by id', (subgraph, entity, ids) => {
  // A hydrated entity also has each property it did not read, as undefined (class fields).
  const byId = <T extends { id: string }>(rows: T[]) =>
    [...rows]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)));

  test('read raw, they are what TypeORM hydrates, whole and column by column', async () => {
    const dataSource = federation.stack.subgraphs.get(subgraph)!.dataSource;
    const asked = await ids();
    const properties = dataSource.getMetadata(entity).columns.map((column) => column.propertyName);
    for (const columns of [null, ...properties.map((property) => ['id', property])]) {
      // Each of these entities' columns is plain: the raw statement is the one used.
      expect(rawSelectByIds(dataSource, entity, columns)).not.toBeNull();
      const raw = byId(await rowsByIds(dataSource, entity, asked, columns as never));
      const hydrated = byId(await hydratedRowsByIds(dataSource, entity, asked, columns as never));
      expect(raw).toHaveLength(asked.length);
      expect({ columns, rows: raw }).toStrictEqual({ columns, rows: hydrated });
    }
  });
});

/** The answer `entity` would give with only `field` asked, at any depth of lists and objects. */
function pick(value: unknown, field: string): unknown {
  if (Array.isArray(value)) return value.map((item) => pick(item, field));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (field in record) return { [field]: record[field] };
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, pick(inner, field)]));
}

import { secretFrom, type Caller } from '../shared/identity';
import { PeerClient } from '../shared/peers';
import { givenProject } from './builders';
import { givenFacility } from './builders-capital';
import { startFederation, type Federation } from './federation';

/**
 * Who sees and changes what, through the gateway, for the anonymous caller, a member of
 * another organization, the owner, and the parties of a project — on achievements,
 * investments, benefit agreements and pilot runs. A hidden item is null (or absent from lists); a
 * refused write is FORBIDDEN and changes nothing.
 */
let federation: Federation;
const tokens: Record<string, string> = {};
let confidentialAchievement: string;
let membersAchievement: string;
let confidentialInvestment: string;
let partyProject: string;

const ACHIEVEMENT = 'query($id: ID!) { achievement(id: $id) { id title } }';
const INVESTMENT = 'query($id: ID!) { investment(id: $id) { id amount { amount } } }';
const AGREEMENT =
  '{ project(id: "dmto-industrialization") { benefitAgreement { ipTerms parties { partyId } } } }';
const SIGN = `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id } }`;

beforeAll(async () => {
  federation = await startFederation();
  const who: Record<string, [string, ...('VIEWER' | 'EDITOR' | 'SECRETARIAT')[]]> = {
    dicpEditor: ['institute:dicp', 'EDITOR'],
    dicpViewer: ['institute:dicp', 'VIEWER'],
    ciacEditor: ['institute:ciac', 'EDITOR'],
    levima: ['enterprise:levima', 'VIEWER'],
    levimaEditor: ['enterprise:levima', 'EDITOR'],
    sinopec: ['enterprise:sinopec-guangzhou-engineering', 'VIEWER'],
    sinopecEditor: ['enterprise:sinopec-guangzhou-engineering', 'EDITOR'],
    tengzhouEditor: ['pilot-base:tengzhou', 'EDITOR'],
    fundEditor: ['fund:cas-amif', 'EDITOR'],
    fundViewer: ['fund:cas-amif', 'VIEWER'],
    otherFundEditor: ['fund:zhejiang-amif', 'EDITOR'],
    secretariat: ['alliance:secretariat', 'SECRETARIAT'],
  };
  for (const [name, [org, ...roles]] of Object.entries(who))
    tokens[name] = await federation.token(org, ...roles);

  const register = async (visibility: string): Promise<string> => {
    const response = await federation.query<{ registerAchievement: { id: string } }>(
      `mutation($input: RegisterAchievementInput!) { registerAchievement(input: $input) { id } }`,
      {
        input: {
          instituteId: 'dicp',
          title: `Catalyst for ${visibility.toLowerCase()} olefin cracking`,
          summary: 'Access matrix fixture.',
          ipcCodes: ['C07C 4/06'],
          keywords: ['olefins'],
          trl: 4,
          developmentStatus: 'PROOF_OF_CONCEPT',
          visibility,
        },
      },
      tokens.dicpEditor,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.registerAchievement.id;
  };
  confidentialAchievement = await register('CONFIDENTIAL');
  membersAchievement = await register('MEMBERS');
  // Levima leads a project on the confidential achievement: it is a party to it.
  partyProject = (
    await givenProject(federation, { achievementId: confidentialAchievement, leadEnterpriseId: 'levima' })
  ).id;

  const commit = await federation.query<{ commitInvestment: { id: string } }>(
    `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
    {
      input: {
        fundId: 'cas-amif',
        projectId: partyProject,
        stage: 'PILOT',
        instrument: 'EQUITY',
        amount: '5000000.00',
        focusArea: 'key strategic materials',
        visibility: 'CONFIDENTIAL',
      },
    },
    tokens.fundEditor,
  );
  expect(commit.errors).toBeUndefined();
  confidentialInvestment = commit.data!.commitInvestment.id;
});
afterAll(async () => {
  await federation.stop();
});

/** An agreement between DICP and Levima on the project Levima leads, which has none yet. */
function signInput(): Record<string, unknown> {
  return {
    projectId: partyProject,
    parties: [
      { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '50' },
      { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '50' },
    ],
    ipTerms: 'Shared.',
    signedOn: '2026-01-01',
  };
}

async function sees(
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  field: string,
): Promise<boolean> {
  const response = await federation.query<Record<string, unknown>>(query, variables, token);
  return response.data?.[field] !== null && response.data?.[field] !== undefined;
}

describe('reading achievements', () => {
  test.each([
    ['anonymous', undefined, false, false],
    ['a member of another enterprise', 'sinopec', false, true],
    ['another institute', 'ciacEditor', false, true],
    ['the owning institute', 'dicpViewer', true, true],
    ['the lead enterprise of a project on it (a party)', 'levima', true, true],
  ])('%s', async (_who, token, confidential, members) => {
    const t = token ? tokens[token] : undefined;
    expect(await sees(ACHIEVEMENT, { id: confidentialAchievement }, t, 'achievement')).toBe(confidential);
    expect(await sees(ACHIEVEMENT, { id: membersAchievement }, t, 'achievement')).toBe(members);
  });

  test('hidden achievements are left out of lists and reverse fields, not only by id', async () => {
    const list = await federation.query<{ achievements: { edges: { node: { id: string } }[] } }>(
      '{ achievements(filter: { instituteId: "dicp" }, first: 100) { edges { node { id } } } }',
      undefined,
      tokens.sinopec,
    );
    expect(list.data!.achievements.edges.map((e) => e.node.id)).not.toContain(confidentialAchievement);
    // Through the project: not even its id or its other projects leak, and the caller is told why.
    const viaProject = await federation.query<{ project: { code: string; achievement: unknown } }>(
      'query($id: ID!) { project(id: $id) { code achievement { id projects { code } } } }',
      { id: partyProject },
      tokens.sinopec,
    );
    expect(viaProject.data?.project.code).toMatch(/^TEST-/);
    expect(viaProject.data?.project.achievement).toBeNull();
    expect(viaProject.errors?.[0]).toMatchObject({
      path: ['project', 'achievement'],
      extensions: { code: 'FORBIDDEN' },
    });
    const asParty = await federation.query<{ project: { achievement: { id: string } | null } }>(
      'query($id: ID!) { project(id: $id) { achievement { id } } }',
      { id: partyProject },
      tokens.levima,
    );
    expect(asParty.data?.project.achievement?.id).toBe(confidentialAchievement);
  });
});

describe('changing achievements', () => {
  const UPDATE = `mutation($input: UpdateAchievementInput!) { updateAchievement(input: $input) { id summary } }`;

  test.each([
    ['anonymous', undefined],
    ['an enterprise editor', 'levimaEditor'],
    ['another institute’s editor', 'ciacEditor'],
    ['the owning institute’s viewer (not an editor)', 'dicpViewer'],
  ])('%s is refused and nothing changes', async (_who, token) => {
    const response = await federation.query(
      UPDATE,
      { input: { achievementId: membersAchievement, summary: 'Tampered.' } },
      token ? tokens[token] : undefined,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await federation.query<{ achievement: { summary: string } }>(
      'query($id: ID!) { achievement(id: $id) { summary } }',
      { id: membersAchievement },
      tokens.dicpViewer,
    );
    expect(after.data?.achievement.summary).toBe('Access matrix fixture.');
  });

  test('the owning institute’s editor may', async () => {
    const response = await federation.query<{ updateAchievement: { summary: string } }>(
      UPDATE,
      { input: { achievementId: membersAchievement, summary: 'Access matrix fixture.' } },
      tokens.dicpEditor,
    );
    expect(response.errors).toBeUndefined();
  });
});

describe('investments', () => {
  test.each([
    ['anonymous', false, undefined],
    ['a member of another enterprise', false, 'sinopec'],
    ['another fund', false, 'otherFundEditor'],
    ['the fund', true, 'fundEditor'],
    ['the lead enterprise of the project invested in (a party)', true, 'levima'],
  ])('a CONFIDENTIAL investment is seen by %s: %p', async (_who, visible, token) => {
    expect(
      await sees(INVESTMENT, { id: confidentialInvestment }, token ? tokens[token] : undefined, 'investment'),
    ).toBe(visible);
  });

  test.each([
    ['anonymous', undefined],
    ['another fund’s editor', 'otherFundEditor'],
    ['an enterprise editor', 'levimaEditor'],
    ['the fund’s viewer (not an editor)', 'fundViewer'],
  ])('committing for a fund as %s is refused and nothing is written', async (_who, token) => {
    const before = await federation.query<{ fund: { committed: { amount: string } } }>(
      '{ fund(id: "cas-amif") { committed { amount } } }',
    );
    const response = await federation.query(
      `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
      {
        input: {
          fundId: 'cas-amif',
          projectId: partyProject,
          stage: 'PILOT',
          instrument: 'EQUITY',
          amount: '1.00',
          focusArea: 'key strategic materials',
        },
      },
      token ? tokens[token] : undefined,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await federation.query<{ fund: { committed: { amount: string } } }>(
      '{ fund(id: "cas-amif") { committed { amount } } }',
    );
    expect(after.data).toEqual(before.data);
  });
});

describe('benefit agreement terms', () => {
  test.each([
    ['anonymous', false, undefined],
    ['a member who is not a party', false, 'sinopec'],
    ['another institute', false, 'ciacEditor'],
    ['a party: the institute', true, 'dicpViewer'],
    ['a party: the operator', true, 'levima'],
    ['a party: the investor', true, 'fundEditor'],
    ['the secretariat', true, 'secretariat'],
  ])('are seen by %s: %p', async (_who, visible, token) => {
    const response = await federation.query<{ project: { benefitAgreement: { ipTerms: string } | null } }>(
      AGREEMENT,
      undefined,
      token ? tokens[token] : undefined,
    );
    if (visible) {
      expect(response.errors).toBeUndefined();
      expect(response.data?.project.benefitAgreement?.ipTerms).toMatch(/DMTO patents/);
    } else {
      expect(response.data?.project.benefitAgreement ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('only the secretariat signs agreements', async () => {
    const response = await federation.query(SIGN, { input: signInput() }, tokens.levimaEditor);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('changing benefit agreements', () => {
  /** What the secretariat reads of the agreements the writes aim at: none yet, and DMTO's. */
  async function agreements(): Promise<unknown> {
    const response = await federation.query(
      `query($projectId: ID!) {
        unsigned: project(id: $projectId) { benefitAgreement { id } }
        dmto: benefitAgreement(id: "agreement-dmto") {
          version ipTerms signedOn parties { partyId role share }
          history { version reason } distributions { id amount { amount } }
        }
      }`,
      { projectId: partyProject },
      tokens.secretariat,
    );
    expect(response.errors).toBeUndefined();
    return response.data;
  }

  // Inputs valid but for the caller, made when a test runs (the project exists by then).
  describe.each([
    ['signing one', SIGN, signInput],
    [
      'amending one',
      'mutation($input: AmendBenefitAgreementInput!) { amendBenefitAgreement(input: $input) { id } }',
      () => {
        const { parties, ipTerms, signedOn } = signInput();
        return { agreementId: 'agreement-dmto', parties, ipTerms, signedOn, reason: 'Tampering.' };
      },
    ],
    [
      'executing a distribution',
      'mutation($input: ExecuteDistributionInput!) { executeDistribution(input: $input) { id } }',
      () => ({ agreementId: 'agreement-dmto', amount: '1000.00', note: 'Tampering.' }),
    ],
  ])('%s', (_what, mutation, input) => {
    test.each([
      ['anonymously', undefined],
      ['by an editor of an organization that is not a party', 'ciacEditor'],
    ])('%s is refused and nothing is written', async (_who, token) => {
      const before = await agreements();
      expect(before).toMatchObject({ unsigned: { benefitAgreement: null }, dmto: { version: 1 } });
      const response = await federation.query(
        mutation,
        { input: input() },
        token ? tokens[token] : undefined,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.data ?? null).toBeNull();
      expect(await agreements()).toEqual(before);
    });
  });
});

describe('requesting a pilot run for the project Levima leads', () => {
  const REQUEST = `mutation($input: RequestBookingInput!) { requestBooking(input: $input) { id requestedBy } }`;
  let facilityId: string;
  let week = 0;
  beforeAll(async () => {
    facilityId = (await givenFacility(federation, { baseId: 'tengzhou', sharing: 'OPEN' })).id;
  });

  /** A week of its own for every request, so the caller is the only reason to refuse one. */
  function input(): Record<string, unknown> {
    week += 1;
    const day = (n: number) => new Date(Date.UTC(2040, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return {
      facilityId,
      projectId: partyProject,
      start: day(7 * week),
      end: day(7 * week + 5),
      purpose: 'Access matrix run',
    };
  }

  async function bookingsOfProject(): Promise<unknown> {
    const response = await federation.query<{ project: { bookings: unknown[] } }>(
      'query($id: ID!) { project(id: $id) { bookings { id start status requestedBy } } }',
      { id: partyProject },
      tokens.levima,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.project.bookings;
  }

  test.each([
    ['anonymous', undefined],
    ['a viewer of the lead enterprise (not an editor)', 'levima'],
    ['an editor of another enterprise', 'sinopecEditor'],
    ['the base itself', 'tengzhouEditor'],
    ['the institute of its achievement (a party, not its lead)', 'dicpEditor'],
    ['a fund investing in it (a party, not its lead)', 'fundEditor'],
  ])('by %s is refused and nothing is written', async (_who, token) => {
    const before = await bookingsOfProject();
    const response = await federation.query(REQUEST, { input: input() }, token ? tokens[token] : undefined);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data ?? null).toBeNull();
    expect(await bookingsOfProject()).toEqual(before);
  });

  test.each([
    ['the lead enterprise’s editor', 'levimaEditor', 'enterprise:levima'],
    ['the secretariat', 'secretariat', 'alliance:secretariat'],
  ])('by %s is accepted', async (_who, token, requestedBy) => {
    const response = await federation.query<{ requestBooking: { requestedBy: string } }>(
      REQUEST,
      { input: input() },
      tokens[token],
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.requestBooking.requestedBy).toBe(requestedBy);
  });
});

describe('a party to more projects than a page', () => {
  // Last in this file: it gives Levima projects newer than the one it is a party through.
  test('still sees the achievement and the investment of its oldest project', async () => {
    // A page's worth of projects docked after it (givenProject docks each a minute later).
    for (let i = 0; i < 20; i += 1) await givenProject(federation, { leadEnterpriseId: 'levima' });
    const led = await federation.query<{ enterprise: { ledProjects: { id: string }[] } }>(
      '{ enterprise(id: "levima") { ledProjects { id } } }',
    );
    // The project that makes Levima a party is no longer on the first page of what it leads.
    expect(led.data!.enterprise.ledProjects).toHaveLength(20);
    expect(led.data!.enterprise.ledProjects.map((p) => p.id)).not.toContain(partyProject);

    expect(await sees(ACHIEVEMENT, { id: confidentialAchievement }, tokens.levima, 'achievement')).toBe(true);
    expect(await sees(INVESTMENT, { id: confidentialInvestment }, tokens.levima, 'investment')).toBe(true);
    // And still not a member who is no party.
    expect(await sees(ACHIEVEMENT, { id: confidentialAchievement }, tokens.sinopec, 'achievement')).toBe(
      false,
    );
  });

  test('the alliance reads each lead’s whole list in one statement, as its table has it', async () => {
    const peers = new PeerClient(
      secretFrom(federation.gatewaySecret),
      (name) => federation.stack.subgraphs.get(name)?.url,
    );
    const levima: Caller = {
      subject: 'enterprise:levima#party-test',
      organization: { type: 'enterprise', id: 'levima' },
      roles: ['VIEWER'],
    };
    const leads = ['levima', 'sinopec-guangzhou-engineering', 'no-such-enterprise'];
    let found = new Map<string, { id: string; ledProjectIds: string[]; ledAchievementIds: string[] }>();
    const statements = await federation.statementsDuring(async () => {
      found = await peers.entities(
        'alliance',
        'Enterprise',
        leads,
        'ledProjectIds ledAchievementIds',
        levima,
      );
    });
    expect(statements.alliance).toBe(1);
    const rows = await federation.stack.subgraphs
      .get('alliance')!
      .dataSource.query<{ lead: string; id: string; achievement: string }[]>(
        `SELECT lead_enterprise_id AS lead, id, achievement_id AS achievement
         FROM alliance.project WHERE lead_enterprise_id = ANY($1)`,
        [leads],
      );
    for (const lead of leads) {
      const own = rows.filter((row) => row.lead === lead);
      expect([...found.get(lead)!.ledProjectIds].sort()).toEqual(own.map((row) => row.id).sort());
      expect([...found.get(lead)!.ledAchievementIds].sort()).toEqual(
        [...new Set(own.map((row) => row.achievement))].sort(),
      );
    }
    expect(found.get('levima')!.ledProjectIds.length).toBeGreaterThan(20);
    expect(found.get('no-such-enterprise')!.ledProjectIds).toEqual([]);
  });

  test('the whole list the subgraphs read is not in the public API', async () => {
    const response = await federation.query(
      '{ enterprise(id: "levima") { ledProjectIds ledAchievementIds } }',
      undefined,
      tokens.levima,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/ledProjectIds/);
  });
});

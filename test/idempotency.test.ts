import { randomUUID } from 'node:crypto';
import { givenProject } from './builders';
import { givenExpert } from './builders-alliance';
import { givenAchievement } from './builders-innovation';
import { database, givenBase, givenFacility, givenFund, rowCount } from './builders-capital';
import { startFederation, type Federation } from './federation';

/**
 * A client may retry a money write safely: with one Idempotency-Key, the write happens
 * once and every retry gets the same answer; a timeout whose outcome the gateway cannot
 * know is said to be unknown, never "nothing happened".
 */

const COMMIT = /* GraphQL */ `
  mutation Commit($input: CommitInvestmentInput!) {
    commitInvestment(input: $input) {
      id
      amount {
        amount
        currency
      }
      status
      fund {
        committed {
          amount
        }
      }
    }
  }
`;

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

const inputFor = (fundId: string, amount = '100000.00') => ({
  input: {
    fundId,
    projectId: 'dmto-industrialization',
    stage: 'PILOT',
    instrument: 'EQUITY',
    amount,
    committedOn: '2026-01-15',
    focusArea: 'advanced materials',
  },
});

async function investmentsOf(fundId: string): Promise<number> {
  // A count: always one row.
  const [row] = await database(federation, 'funds').query<[{ n: number }]>(
    'SELECT count(*)::int AS n FROM funds.investment WHERE fund_id = $1',
    [fundId],
  );
  return row.n;
}

async function commitWithKey(fundId: string, key: string | null, amount?: string) {
  return federation.query(
    COMMIT,
    inputFor(fundId, amount),
    await federation.token(`fund:${fundId}`, 'EDITOR'),
    key === null ? {} : { 'idempotency-key': key },
  );
}

test('a commitment sent twice with one key is stored once, and both answers are the same', async () => {
  const fund = await givenFund(federation);
  const key = randomUUID();
  const first = await commitWithKey(fund.id, key);
  const second = await commitWithKey(fund.id, key);
  expect(first.errors).toBeUndefined();
  expect(second).toEqual(first);
  expect(await investmentsOf(fund.id)).toBe(1);
});

test('two concurrent commitments with one key write once', async () => {
  const fund = await givenFund(federation);
  const key = randomUUID();
  const answers = await Promise.all([commitWithKey(fund.id, key), commitWithKey(fund.id, key)]);
  expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
  expect(answers[1].data).toEqual(answers[0].data);
  expect(await investmentsOf(fund.id)).toBe(1);
});

test('the same key with another request is refused and writes nothing', async () => {
  const fund = await givenFund(federation);
  const key = randomUUID();
  await commitWithKey(fund.id, key, '100.00');
  const reused = await commitWithKey(fund.id, key, '200.00');
  expect(reused.data).toBeNull();
  expect(reused.errors?.[0]?.extensions).toMatchObject({
    code: 'IDEMPOTENCY_KEY_REUSED',
    field: 'Idempotency-Key',
  });
  expect(await investmentsOf(fund.id)).toBe(1);
});

test('without a key every commitment is a new one, as before', async () => {
  const fund = await givenFund(federation);
  await commitWithKey(fund.id, null);
  await commitWithKey(fund.id, null);
  expect(await investmentsOf(fund.id)).toBe(2);
});

test('keys belong to an organization: another fund using the same key is not replayed', async () => {
  const [one, other] = [await givenFund(federation), await givenFund(federation)];
  const key = randomUUID();
  const first = await commitWithKey(one.id, key);
  const second = await commitWithKey(other.id, key);
  expect(second.errors).toBeUndefined();
  expect(second.data).not.toEqual(first.data);
  expect([await investmentsOf(one.id), await investmentsOf(other.id)]).toEqual([1, 1]);
});

test('a refused commitment leaves its key unused: the retry is judged afresh', async () => {
  const fund = await givenFund(federation, { size: '100.00' });
  const key = randomUUID();
  const refused = await commitWithKey(fund.id, key, '500.00');
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  const again = await commitWithKey(fund.id, key, '500.00');
  expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(await investmentsOf(fund.id)).toBe(0);
});

test('a malformed key is a 400 naming the header, before anything runs', async () => {
  const fund = await givenFund(federation);
  const before = await rowCount(federation, 'funds', 'funds.investment');
  const statements = await federation.statementsDuring(async () => {
    const response = await commitWithKey(fund.id, 'x'.repeat(256));
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'Idempotency-Key',
    });
  });
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
  expect(await rowCount(federation, 'funds', 'funds.investment')).toBe(before);
});

describe('a benefit distribution', () => {
  const SIGN = /* GraphQL */ `
    mutation Sign($input: SignBenefitAgreementInput!) {
      signBenefitAgreement(input: $input) {
        id
      }
    }
  `;
  const EXECUTE = /* GraphQL */ `
    mutation Execute($input: ExecuteDistributionInput!) {
      executeDistribution(input: $input) {
        id
        amount {
          amount
        }
        payouts {
          partyId
          amount {
            amount
          }
        }
      }
    }
  `;

  async function givenAgreement(): Promise<string> {
    const project = await givenProject(federation);
    const signed = await federation.query<{ signBenefitAgreement: { id: string } }>(
      SIGN,
      {
        input: {
          projectId: project.id,
          parties: [
            { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/2' },
            { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/2' },
          ],
          ipTerms: 'The institute licenses its patents to the operator.',
          signedOn: '2026-03-01',
        },
      },
      await federation.token('alliance:secretariat', 'SECRETARIAT'),
    );
    expect(signed.errors).toBeUndefined();
    return signed.data!.signBenefitAgreement.id;
  }

  async function distributionsOf(agreementId: string): Promise<number> {
    // A count: always one row.
    const [row] = await database(federation, 'alliance').query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM alliance.distribution WHERE agreement_id = $1',
      [agreementId],
    );
    return row.n;
  }

  async function execute(agreementId: string, key: string | null, amount = '1000.00') {
    return federation.query(
      EXECUTE,
      { input: { agreementId, amount, note: 'Licence income' } },
      await federation.token('alliance:secretariat', 'SECRETARIAT'),
      key === null ? {} : { 'idempotency-key': key },
    );
  }

  test('executed twice with one key pays out once, with the same answer', async () => {
    const agreement = await givenAgreement();
    const key = randomUUID();
    const first = await execute(agreement, key);
    expect(first.errors).toBeUndefined();
    expect(await execute(agreement, key)).toEqual(first);
    expect(await distributionsOf(agreement)).toBe(1);
  });

  test('executed twice at once with one key pays out once', async () => {
    const agreement = await givenAgreement();
    const key = randomUUID();
    const [a, b] = await Promise.all([execute(agreement, key), execute(agreement, key)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect(b.data).toEqual(a.data);
    expect(await distributionsOf(agreement)).toBe(1);
  });

  test('the key reused for another amount is refused; without a key each call pays', async () => {
    const agreement = await givenAgreement();
    const key = randomUUID();
    await execute(agreement, key, '1000.00');
    const reused = await execute(agreement, key, '2000.00');
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await distributionsOf(agreement)).toBe(1);
    await execute(agreement, null);
    await execute(agreement, null);
    expect(await distributionsOf(agreement)).toBe(3);
  });
});

describe('a pilot booking request', () => {
  const REQUEST = /* GraphQL */ `
    mutation Request($input: RequestBookingInput!) {
      requestBooking(input: $input) {
        id
        start
        end
        status
      }
    }
  `;

  async function request(facilityId: string, key: string | null, start = '2031-03-01') {
    return federation.query(
      REQUEST,
      {
        input: {
          facilityId,
          projectId: 'dmto-industrialization',
          purpose: 'Scale-up run',
          start,
          end: '2031-03-10',
        },
      },
      await federation.token('enterprise:levima', 'EDITOR'),
      key === null ? {} : { 'idempotency-key': key },
    );
  }

  async function bookingsOf(facilityId: string): Promise<number> {
    // A count: always one row.
    const [row] = await database(federation, 'pilot-bases').query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM pilot_bases.booking WHERE facility_id = $1',
      [facilityId],
    );
    return row.n;
  }

  async function givenOpenFacility(): Promise<string> {
    const base = await givenBase(federation);
    return (await givenFacility(federation, { baseId: base.id })).id;
  }

  test('retried with its key, it returns the first booking instead of a CONFLICT', async () => {
    const facility = await givenOpenFacility();
    const key = randomUUID();
    const first = await request(facility, key);
    expect(first.errors).toBeUndefined();
    expect(await request(facility, key)).toEqual(first);
    expect(await bookingsOf(facility)).toBe(1);
  });

  test('sent twice at once with one key, it books once', async () => {
    const facility = await givenOpenFacility();
    const key = randomUUID();
    const [a, b] = await Promise.all([request(facility, key), request(facility, key)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect(b.data).toEqual(a.data);
    expect(await bookingsOf(facility)).toBe(1);
  });

  test('without a key the retry is the overlapping request it always was', async () => {
    const facility = await givenOpenFacility();
    expect((await request(facility, null)).errors).toBeUndefined();
    expect((await request(facility, null)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const reused = await request(facility, null, '2031-03-02');
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await bookingsOf(facility)).toBe(1);
  });

  test('the key reused for other dates is refused', async () => {
    const facility = await givenOpenFacility();
    const key = randomUUID();
    await request(facility, key);
    const reused = await request(facility, key, '2031-03-05');
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await bookingsOf(facility)).toBe(1);
  });
});

/** Records made by a mutation, counted by a title unique to each test. */
const CREATING = [
  {
    mutation: 'postTechnologyDemand',
    document: /* GraphQL */ `
      mutation Post($input: PostTechnologyDemandInput!) {
        postTechnologyDemand(input: $input) {
          id
          title
          status
        }
      }
    `,
    input: (title: string) => ({
      enterpriseId: 'levima',
      title,
      ipcCode: 'C08L 23/08',
      keywords: ['eva'],
      minTrl: 5,
    }),
    token: () => federation.token('enterprise:levima', 'EDITOR'),
    count: ['enterprises', 'SELECT count(*)::int AS n FROM enterprises.technology_demand WHERE title = $1'],
  },
  {
    mutation: 'registerAchievement',
    document: /* GraphQL */ `
      mutation Register($input: RegisterAchievementInput!) {
        registerAchievement(input: $input) {
          id
          title
          trl
        }
      }
    `,
    input: (title: string) => ({
      instituteId: 'dicp',
      title,
      summary: 'A test achievement',
      ipcCodes: ['C07C 1/20'],
      keywords: ['methanol'],
      trl: 4,
      developmentStatus: 'LABORATORY',
    }),
    token: () => federation.token('institute:dicp', 'EDITOR'),
    count: ['institutes', 'SELECT count(*)::int AS n FROM institutes.achievement WHERE title = $1'],
  },
] as const;

describe.each(CREATING)('$mutation', ({ document, input, token, count }) => {
  const send = async (title: string, key: string | null) =>
    federation.query(
      document,
      { input: input(title) },
      await token(),
      key === null ? {} : { 'idempotency-key': key },
    );
  const rows = async (title: string) =>
    (await database(federation, count[0]).query<{ n: number }[]>(count[1], [title]))[0]!.n;

  test('twice with one key: one record, the same answer', async () => {
    const title = `Idempotent ${randomUUID()}`;
    const key = randomUUID();
    const first = await send(title, key);
    expect(first.errors).toBeUndefined();
    expect(await send(title, key)).toEqual(first);
    expect(await rows(title)).toBe(1);
  });

  test('twice at once with one key: one record', async () => {
    const title = `Concurrent ${randomUUID()}`;
    const key = randomUUID();
    const [a, b] = await Promise.all([send(title, key), send(title, key)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect(b.data).toEqual(a.data);
    expect(await rows(title)).toBe(1);
  });

  test('the key with other input is refused; without a key each call creates', async () => {
    const title = `Reused ${randomUUID()}`;
    const key = randomUUID();
    await send(title, key);
    const reused = await send(`${title} (changed)`, key);
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rows(`${title} (changed)`)).toBe(0);
    await send(title, null);
    await send(title, null);
    expect(await rows(title)).toBe(3);
  });
});

/**
 * A creating mutation whose record is unique in some way, so that a retry without a key is
 * refused (CONFLICT), or that simply creates again (CREATES). `given()` makes what one test
 * needs: the input, another input for the same key, and how to count the records each makes.
 */
interface Creation {
  mutation: string;
  /** The subgraph that executes it, whose schema holds its keys and audit entries. */
  subgraph: 'alliance' | 'institutes';
  document: string;
  token: () => Promise<string>;
  keylessRetry: 'CONFLICT' | 'CREATES';
  given: () => Promise<{
    input: Record<string, unknown>;
    changed: Record<string, unknown>;
    rows: (input: Record<string, unknown>) => Promise<number>;
  }>;
}

const tag = () => randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
const count = async (subgraph: string, sql: string, params: unknown[]) =>
  (await database(federation, subgraph).query<{ n: number }[]>(sql, params))[0]!.n;
const secretariatToken = () => federation.token('alliance:secretariat', 'SECRETARIAT');
const PARTIES = [
  { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/2' },
  { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/2' },
];
/** The expert that reviews in these tests: registered once, independent of DICP and Levima. */
const REVIEWER = 'alliance:idempotency-expert';
let reviewerRegistered: Promise<unknown> | undefined;

async function signedAgreement(): Promise<string> {
  const project = await givenProject(federation);
  const signed = await federation.query<{ signBenefitAgreement: { id: string } }>(
    `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id } }`,
    {
      input: {
        projectId: project.id,
        parties: PARTIES,
        ipTerms: 'Licensed to the operator.',
        signedOn: '2026-03-01',
      },
    },
    await secretariatToken(),
  );
  expect(signed.errors).toBeUndefined();
  return signed.data!.signBenefitAgreement.id;
}

const UNIQUE_CREATIONS: Creation[] = [
  {
    mutation: 'createProject',
    subgraph: 'alliance',
    document: `mutation($input: CreateProjectInput!) { createProject(input: $input) { id code title stage } }`,
    token: secretariatToken,
    keylessRetry: 'CONFLICT',
    given: async () => {
      const input = (code: string) => ({
        code,
        title: 'Idempotent project',
        achievementId: 'dmto',
        leadEnterpriseId: 'levima',
      });
      return {
        input: input(`IDEM-${tag()}`),
        changed: input(`IDEM-${tag()}`),
        rows: (i) =>
          count('alliance', 'SELECT count(*)::int AS n FROM alliance.project WHERE code = $1', [i.code]),
      };
    },
  },
  {
    mutation: 'admitMember',
    subgraph: 'alliance',
    document: `mutation($input: AdmitMemberInput!) { admitMember(input: $input) { id role joinedOn } }`,
    token: secretariatToken,
    keylessRetry: 'CONFLICT',
    given: async () => {
      const input = (fundId: string) => ({
        organization: { type: 'FUND', id: fundId },
        role: 'MEMBER',
        joinedOn: '2026-01-15',
      });
      return {
        input: input((await givenFund(federation)).id),
        changed: input((await givenFund(federation)).id),
        rows: (i) =>
          count('alliance', 'SELECT count(*)::int AS n FROM alliance.member WHERE organization_id = $1', [
            (i.organization as { id: string }).id,
          ]),
      };
    },
  },
  {
    mutation: 'registerExpert',
    subgraph: 'alliance',
    document: `mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { id name } }`,
    token: secretariatToken,
    keylessRetry: 'CONFLICT',
    given: async () => {
      const input = (subject: string) => ({ subject, name: 'Idempotent Expert' });
      return {
        input: input(`test:${tag()}`),
        changed: input(`test:${tag()}`),
        rows: (i) =>
          count('alliance', 'SELECT count(*)::int AS n FROM alliance.expert WHERE subject = $1', [i.subject]),
      };
    },
  },
  {
    mutation: 'submitReview',
    subgraph: 'alliance',
    document: `mutation($input: SubmitReviewInput!) { submitReview(input: $input) { id stage recommendation } }`,
    token: () => federation.token(REVIEWER, 'EXPERT'),
    keylessRetry: 'CONFLICT',
    given: async () => {
      reviewerRegistered ??= givenExpert(federation, { subject: `${REVIEWER}#user` });
      await reviewerRegistered;
      const input = (projectId: string) => ({
        projectId,
        scores: { technicalMaturity: 4, marketDemand: 3, strategicFit: 4, team: 5 },
        recommendation: 'ADVANCE',
        comments: 'Ready for evaluation.',
      });
      return {
        input: input((await givenProject(federation)).id),
        changed: input((await givenProject(federation)).id),
        rows: (i) =>
          count('alliance', 'SELECT count(*)::int AS n FROM alliance.expert_review WHERE project_id = $1', [
            i.projectId,
          ]),
      };
    },
  },
  {
    mutation: 'signBenefitAgreement',
    subgraph: 'alliance',
    document: `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id version } }`,
    token: secretariatToken,
    keylessRetry: 'CONFLICT',
    given: async () => {
      const input = (projectId: string) => ({
        projectId,
        parties: PARTIES,
        ipTerms: 'The institute licenses its patents to the operator.',
        signedOn: '2026-03-01',
      });
      return {
        input: input((await givenProject(federation)).id),
        changed: input((await givenProject(federation)).id),
        rows: (i) =>
          count(
            'alliance',
            'SELECT count(*)::int AS n FROM alliance.benefit_agreement WHERE project_id = $1',
            [i.projectId],
          ),
      };
    },
  },
  {
    mutation: 'amendBenefitAgreement',
    subgraph: 'alliance',
    document: `mutation($input: AmendBenefitAgreementInput!) { amendBenefitAgreement(input: $input) { id version } }`,
    token: secretariatToken,
    keylessRetry: 'CREATES',
    given: async () => {
      const agreementId = await signedAgreement();
      const input = (reason: string) => ({
        agreementId,
        parties: PARTIES,
        ipTerms: 'The institute licenses its patents to the operator, now exclusively.',
        signedOn: '2026-04-01',
        reason,
      });
      return {
        input: input(`Exclusive licence ${tag()}`),
        changed: input(`Exclusive licence ${tag()}`),
        rows: (i) =>
          count(
            'alliance',
            'SELECT count(*)::int AS n FROM alliance.agreement_version WHERE agreement_id = $1 AND reason = $2',
            [agreementId, i.reason],
          ),
      };
    },
  },
  {
    mutation: 'addPatent',
    subgraph: 'institutes',
    document: `mutation($input: AddPatentInput!) { addPatent(input: $input) { id number status } }`,
    token: () => federation.token('institute:dicp', 'EDITOR'),
    keylessRetry: 'CONFLICT',
    given: async () => {
      const input = (number: string) => ({
        achievementId: 'dmto',
        number,
        jurisdiction: 'CN',
        title: 'Idempotent patent',
        filedOn: '2025-06-01',
      });
      return {
        input: input(`CN${tag()}A`),
        changed: input(`CN${tag()}A`),
        rows: (i) =>
          count('institutes', 'SELECT count(*)::int AS n FROM institutes.patent WHERE number = $1', [
            i.number,
          ]),
      };
    },
  },
  {
    mutation: 'changeTrl',
    subgraph: 'institutes',
    document: `mutation($input: ChangeTrlInput!) { changeTrl(input: $input) { id trl trlNote } }`,
    token: () => federation.token('institute:dicp', 'EDITOR'),
    keylessRetry: 'CREATES',
    given: async () => {
      const { id } = await givenAchievement(federation);
      const input = (note: string) => ({ achievementId: id, trl: 6, note, changedOn: '2025-06-01' });
      return {
        input: input(`Pilot line ran ${tag()}`),
        changed: input(`Pilot line ran ${tag()}`),
        rows: (i) =>
          count(
            'institutes',
            'SELECT count(*)::int AS n FROM institutes.trl_change WHERE achievement_id = $1 AND note = $2',
            [id, i.note],
          ),
      };
    },
  },
  {
    mutation: 'addResearcher',
    subgraph: 'institutes',
    document: `mutation($input: AddResearcherInput!) { addResearcher(input: $input) { id name } }`,
    token: () => federation.token('institute:dicp', 'EDITOR'),
    keylessRetry: 'CREATES',
    given: async () => {
      const input = (name: string) => ({ instituteId: 'dicp', name, title: 'Professor' });
      return {
        input: input(`Researcher ${tag()}`),
        changed: input(`Researcher ${tag()}`),
        rows: (i) =>
          count('institutes', 'SELECT count(*)::int AS n FROM institutes.researcher WHERE name = $1', [
            i.name,
          ]),
      };
    },
  },
];

describe.each(UNIQUE_CREATIONS)(
  '$mutation',
  ({ mutation, subgraph, document, token, keylessRetry, given }) => {
    const send = async (input: Record<string, unknown>, key: string | null) =>
      federation.query<Record<string, { id: string }>>(
        document,
        { input },
        await token(),
        key === null ? {} : { 'idempotency-key': key },
      );
    /** The audit entries written under a key: the first request's only, naming its record (docs/audit.md). */
    const auditedUnder = (key: string) =>
      database(federation, subgraph).query<{ operation: string; entity_id: string }[]>(
        `SELECT operation, entity_id FROM ${subgraph}.audit_entry WHERE idempotency_key = $1`,
        [key],
      );

    test('twice with one key: one record, one audit entry, the same answer', async () => {
      const { input, rows } = await given();
      const key = randomUUID();
      const first = await send(input, key);
      expect(first.errors).toBeUndefined();
      expect(await send(input, key)).toEqual(first);
      expect(await rows(input)).toBe(1);
      expect(await auditedUnder(key)).toEqual([
        { operation: mutation, entity_id: first.data![mutation]!.id },
      ]);
    });

    test('twice at once with one key: one record, one audit entry, the same answer', async () => {
      const { input, rows } = await given();
      const key = randomUUID();
      const [a, b] = await Promise.all([send(input, key), send(input, key)]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(b.data).toEqual(a.data);
      expect(await rows(input)).toBe(1);
      expect(await auditedUnder(key)).toEqual([{ operation: mutation, entity_id: a.data![mutation]!.id }]);
    });

    test('the key with other input is refused and writes nothing', async () => {
      const { input, changed, rows } = await given();
      const key = randomUUID();
      expect((await send(input, key)).errors).toBeUndefined();
      const reused = await send(changed, key);
      expect(reused.data).toBeNull();
      expect(reused.errors?.[0]?.extensions).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        field: 'Idempotency-Key',
      });
      expect(await rows(changed)).toBe(0);
      expect(await rows(input)).toBe(1);
      expect(await auditedUnder(key)).toHaveLength(1);
    });

    test(`without a key a retry is what it always was (${keylessRetry})`, async () => {
      const { input, rows } = await given();
      expect((await send(input, null)).errors).toBeUndefined();
      const retry = await send(input, null);
      if (keylessRetry === 'CONFLICT') {
        expect(retry.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        expect(await rows(input)).toBe(1);
      } else {
        expect(retry.errors).toBeUndefined();
        expect(await rows(input)).toBe(2);
      }
    });
  },
);

describe('when the subgraph answers after the gateway gave up', () => {
  let slow: Federation;

  beforeAll(async () => {
    slow = await startFederation({ subgraphTimeoutMs: 1_000 });
  });
  afterAll(async () => {
    await slow?.stop();
  });

  test('the client hears OUTCOME_UNKNOWN, and a retry with the key returns what was done', async () => {
    const fund = await givenFund(slow);
    const token = await slow.token(`fund:${fund.id}`, 'EDITOR');
    const key = randomUUID();
    const funds = database(slow, 'funds');
    // Hold the fund's row (on PGlite: the one shared connection) so the commit waits past
    // the gateway's deadline, then let it finish.
    const holder = funds.createQueryRunner();
    await holder.startTransaction();
    await holder.query('SELECT id FROM funds.fund WHERE id = $1 FOR UPDATE', [fund.id]);
    const pending = slow.query(COMMIT, inputFor(fund.id), token, { 'idempotency-key': key });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await holder.commitTransaction();
    await holder.release();

    const timedOut = await pending;
    expect(timedOut.errors?.[0]?.extensions).toMatchObject({ code: 'OUTCOME_UNKNOWN', serviceName: 'funds' });
    expect(timedOut.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));

    const count = async () =>
      (
        await funds.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM funds.investment WHERE fund_id = $1',
          [fund.id],
        )
      )[0]!.n;
    for (let waited = 0; (await count()) === 0 && waited < 5_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const retried = await slow.query<{ commitInvestment: { id: string } }>(COMMIT, inputFor(fund.id), token, {
      'idempotency-key': key,
    });
    expect(retried.errors).toBeUndefined();
    expect(await count()).toBe(1);
    // The count just said: one row.
    const [stored] = await funds.query<[{ id: string }]>(
      'SELECT id FROM funds.investment WHERE fund_id = $1',
      [fund.id],
    );
    expect(retried.data?.commitInvestment.id).toBe(stored.id);
  });

  test('a read that times out is still SUBGRAPH_UNAVAILABLE', async () => {
    const holder = database(slow, 'funds').createQueryRunner();
    await holder.startTransaction();
    await holder.query('LOCK TABLE funds.fund IN ACCESS EXCLUSIVE MODE');
    const pending = slow.query('{ funds { id } }');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await holder.commitTransaction();
    await holder.release();
    expect((await pending).errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});

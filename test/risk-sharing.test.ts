import { givenProject } from './builders';
import { startFederation, type Federation } from './federation';

/**
 * Risk sharing beside benefit sharing, through the gateway: a stage's pool with a budget,
 * each party's contribution exact to the fen, nothing past the budget whatever the
 * concurrency, visible to the agreement's parties and the secretariat only.
 */

const OPEN = /* GraphQL */ `
  mutation ($input: OpenRiskPoolInput!) {
    openRiskPool(input: $input) {
      id
      stage
      budget {
        amount
      }
    }
  }
`;

const COMMIT = /* GraphQL */ `
  mutation ($input: CommitRiskInput!) {
    commitRisk(input: $input) {
      id
      kind
      partyType
      partyId
      amount {
        amount
        currency
      }
    }
  }
`;

const READ = /* GraphQL */ `
  query ($id: ID!) {
    benefitAgreement(id: $id) {
      parties {
        partyId
        percent
        riskCommitted {
          amount
        }
      }
      riskPools {
        stage
        budget {
          amount
        }
        committed {
          amount
        }
        remaining {
          amount
        }
        contributions {
          partyId
          kind
          amount {
            amount
          }
          description
        }
      }
    }
  }
`;

interface Read {
  benefitAgreement: {
    parties: { partyId: string; percent: string; riskCommitted: { amount: string } }[];
    riskPools: {
      stage: string;
      budget: { amount: string };
      committed: { amount: string };
      remaining: { amount: string };
      contributions: { partyId: string; kind: string; amount: { amount: string }; description: string }[];
    }[];
  } | null;
}

let federation: Federation;
let secretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
});
afterAll(async () => {
  await federation.stop();
});

/** An agreement for a new project: DICP 50 %, the CAS fund 30 %, Levima 20 %. */
async function givenAgreement(): Promise<string> {
  const project = await givenProject(federation);
  const response = await federation.query<{ signBenefitAgreement: { id: string } }>(
    `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id } }`,
    {
      input: {
        projectId: project.id,
        parties: [
          { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '50' },
          { type: 'FUND', id: 'cas-amif', role: 'INVESTOR', share: '30' },
          { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '20' },
        ],
        ipTerms: 'DICP keeps the patents and licenses them to Levima.',
        signedOn: '2026-03-01',
      },
    },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.signBenefitAgreement.id;
}

const contribution = (
  agreementId: string,
  partyType: string,
  partyId: string,
  amount: string,
  kind = 'MONEY',
) => ({
  agreementId,
  stage: 'PILOT',
  partyType,
  partyId,
  kind,
  amount,
  description: kind === 'MONEY' ? 'Cash for the pilot run' : 'Pilot reactor time, 6 weeks',
});

async function read(id: string, token?: string) {
  return federation.query<Read>(READ, { id }, token);
}

test('contributions fill a pool exactly to the fen, beside each party’s share of the benefits', async () => {
  const agreement = await givenAgreement();
  const opened = await federation.query(
    OPEN,
    { input: { agreementId: agreement, stage: 'PILOT', budget: '3000000.00' } },
    secretariat,
  );
  expect(opened.errors).toBeUndefined();
  for (const input of [
    contribution(agreement, 'INSTITUTE', 'dicp', '1000000.01'),
    contribution(agreement, 'FUND', 'cas-amif', '999999.99'),
    contribution(agreement, 'ENTERPRISE', 'levima', '1000000.00', 'IN_KIND'),
  ]) {
    const committed = await federation.query(COMMIT, { input }, secretariat);
    expect(committed.errors).toBeUndefined();
  }
  const { data } = await read(agreement, secretariat);
  expect(data!.benefitAgreement!.riskPools).toEqual([
    expect.objectContaining({
      stage: 'PILOT',
      budget: { amount: '3000000.00' },
      committed: { amount: '3000000.00' },
      remaining: { amount: '0.00' },
    }),
  ]);
  expect(data!.benefitAgreement!.parties.map((p) => [p.partyId, p.percent, p.riskCommitted.amount])).toEqual([
    ['dicp', '50', '1000000.01'],
    ['cas-amif', '30', '999999.99'],
    ['levima', '20', '1000000.00'],
  ]);

  // One fen more is refused, naming what is left, and nothing is written.
  const over = await federation.query(
    COMMIT,
    { input: contribution(agreement, 'INSTITUTE', 'dicp', '0.01') },
    secretariat,
  );
  expect(over.errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    field: 'input.amount',
    remaining: '0.00',
  });
  expect(
    (await read(agreement, secretariat)).data!.benefitAgreement!.riskPools[0]?.contributions,
  ).toHaveLength(3);
});

test('concurrent contributions never pass the budget: exactly as many as fit commit', async () => {
  const agreement = await givenAgreement();
  await federation.query(
    OPEN,
    { input: { agreementId: agreement, stage: 'PILOT', budget: '3000000.00' } },
    secretariat,
  );
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, () =>
      federation.query(
        COMMIT,
        { input: contribution(agreement, 'FUND', 'cas-amif', '400000.00') },
        secretariat,
      ),
    ),
  );
  const codes = outcomes.map((o) => (o.errors ? String(o.errors[0]!.extensions?.code) : 'OK'));
  expect(codes.filter((c) => c === 'OK')).toHaveLength(7);
  expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(3);
  const pool = (await read(agreement, secretariat)).data!.benefitAgreement!.riskPools[0]!;
  expect(pool.committed.amount).toBe('2800000.00');
  expect(pool.remaining.amount).toBe('200000.00');
});

test('the pools are the parties’ business: a party reads them, another organization and the public do not', async () => {
  const agreement = await givenAgreement();
  await federation.query(
    OPEN,
    { input: { agreementId: agreement, stage: 'PILOT', budget: '500000.00' } },
    secretariat,
  );
  await federation.query(
    COMMIT,
    { input: contribution(agreement, 'ENTERPRISE', 'levima', '250000.00') },
    secretariat,
  );
  const party = await read(agreement, await federation.token('enterprise:levima', 'VIEWER'));
  expect(party.data!.benefitAgreement!.riskPools[0]?.committed.amount).toBe('250000.00');
  for (const token of [await federation.token('institute:ciac', 'EDITOR'), undefined]) {
    const outsider = await read(agreement, token);
    expect(outsider.data?.benefitAgreement).toBeNull();
    expect(outsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
});

describe('refusals name the field and change nothing', () => {
  let agreement: string;
  beforeAll(async () => {
    agreement = await givenAgreement();
    await federation.query(
      OPEN,
      { input: { agreementId: agreement, stage: 'PILOT', budget: '1000.00' } },
      secretariat,
    );
  });

  test.each([
    ['an amount with three decimals', { amount: '10.001' }, 'BAD_USER_INPUT', 'input.amount'],
    ['a zero amount', { amount: '0.00' }, 'BAD_USER_INPUT', 'input.amount'],
    [
      'a party not in the agreement',
      { partyType: 'INSTITUTE', partyId: 'ciac' },
      'BAD_USER_INPUT',
      'input.partyId',
    ],
    ['a stage without a pool', { stage: 'INDUSTRIALIZATION' }, 'NOT_FOUND', 'input.stage'],
    ['an unknown agreement', { agreementId: 'no-such-agreement' }, 'NOT_FOUND', 'input.agreementId'],
    ['an empty description', { description: '   ' }, 'BAD_USER_INPUT', 'input.description'],
  ])('%s', async (_case, change, code, field) => {
    const response = await federation.query(
      COMMIT,
      { input: { ...contribution(agreement, 'INSTITUTE', 'dicp', '10.00'), ...change } },
      secretariat,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
    const pool = (await read(agreement, secretariat)).data!.benefitAgreement!.riskPools[0]!;
    expect(pool.committed.amount).toBe('0.00');
  });

  test('a second pool for the same stage is a CONFLICT; only the secretariat opens or commits', async () => {
    const again = await federation.query(
      OPEN,
      { input: { agreementId: agreement, stage: 'PILOT', budget: '5.00' } },
      secretariat,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.stage' });
    const levima = await federation.token('enterprise:levima', 'EDITOR');
    const refused = await federation.query(
      COMMIT,
      { input: contribution(agreement, 'ENTERPRISE', 'levima', '1.00') },
      levima,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const pools = (await read(agreement, secretariat)).data!.benefitAgreement!.riskPools;
    expect(pools.map((p) => [p.budget.amount, p.committed.amount])).toEqual([['1000.00', '0.00']]);
  });
});

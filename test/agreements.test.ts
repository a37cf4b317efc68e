import { AgreementVersionEntity } from '../services/alliance/agreements/benefit-agreement.entity';
import { givenProject } from './builders';
import { rowCount } from './builders-capital';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * Benefit-sharing agreements through the gateway: validation of the parties and shares,
 * exact distribution to the fen, amendments that keep the history, executed
 * distributions, and who may read the terms.
 */

const AGREEMENT_FIELDS = /* GraphQL */ `
  id
  version
  ipTerms
  signedOn
  parties {
    partyType
    partyId
    role
    share
    percent
    party {
      __typename
      ... on Institute {
        name
      }
      ... on Enterprise {
        name
      }
      ... on Fund {
        name
      }
    }
  }
`;

const SIGN = /* GraphQL */ `
  mutation Sign($input: SignBenefitAgreementInput!) {
    signBenefitAgreement(input: $input) { ${AGREEMENT_FIELDS} }
  }
`;

const AMEND = /* GraphQL */ `
  mutation Amend($input: AmendBenefitAgreementInput!) {
    amendBenefitAgreement(input: $input) {
      ${AGREEMENT_FIELDS}
      history { version signedOn reason recordedBy ipTerms parties { partyId role share } }
    }
  }
`;

const DISTRIBUTE = /* GraphQL */ `
  query Distribute($id: ID!, $amount: String!) {
    benefitAgreement(id: $id) {
      distribute(amount: $amount) {
        partyId
        role
        share
        amount {
          amount
          currency
        }
      }
    }
  }
`;

const EXECUTE = /* GraphQL */ `
  mutation Execute($input: ExecuteDistributionInput!) {
    executeDistribution(input: $input) {
      id
      version
      note
      executedBy
      amount {
        amount
        currency
      }
      payouts {
        partyId
        share
        amount {
          amount
        }
      }
    }
  }
`;

const OF_PROJECT = /* GraphQL */ `
  query OfProject($id: ID!) {
    project(id: $id) {
      code
      benefitAgreement {
        id
        version
        distributions {
          amount {
            amount
          }
        }
      }
    }
  }
`;

interface Agreement {
  id: string;
  version: number;
  ipTerms: string;
  signedOn: string;
  parties: {
    partyType: string;
    partyId: string;
    role: string;
    share: string;
    percent: string;
    party: unknown;
  }[];
  history?: { version: number; parties: { partyId: string; share: string }[]; reason: string }[];
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

const THIRDS = [
  { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/3' },
  { type: 'FUND', id: 'cas-amif', role: 'INVESTOR', share: '1/3' },
  { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/3' },
];

function signing(projectId: string, overrides: Record<string, unknown> = {}) {
  return {
    projectId,
    parties: THIRDS,
    ipTerms: 'The institute keeps the patents and licenses them exclusively to the operator.',
    signedOn: '2026-03-01',
    ...overrides,
  };
}

async function sign(
  input: Record<string, unknown>,
  token = secretariat,
): Promise<GraphQLResponse<{ signBenefitAgreement: Agreement }>> {
  return federation.query(SIGN, { input }, token);
}

async function signed(overrides: Record<string, unknown> = {}): Promise<Agreement> {
  const project = await givenProject(federation);
  const response = await sign(signing(project.id, overrides));
  expect(response.errors).toBeUndefined();
  return response.data!.signBenefitAgreement;
}

async function distribute(id: string, amount: string, token = secretariat) {
  return federation.query<{
    benefitAgreement: { distribute: { partyId: string; share: string; amount: { amount: string } }[] };
  }>(DISTRIBUTE, { id, amount }, token);
}

async function agreementOf(projectId: string) {
  const response = await federation.query<{
    project: { benefitAgreement: { id: string; version: number; distributions: unknown[] } | null };
  }>(OF_PROJECT, { id: projectId }, secretariat);
  expect(response.errors).toBeUndefined();
  return response.data!.project.benefitAgreement;
}

test('three equal parties sign; their shares are exact thirds and resolve in their subgraphs', async () => {
  const agreement = await signed();
  expect(agreement).toMatchObject({ version: 1, signedOn: '2026-03-01' });
  expect(agreement.parties).toEqual([
    {
      partyType: 'INSTITUTE',
      partyId: 'dicp',
      role: 'INSTITUTE',
      share: '1/3',
      percent: '33.3333',
      party: { __typename: 'Institute', name: 'Dalian Institute of Chemical Physics' },
    },
    {
      partyType: 'FUND',
      partyId: 'cas-amif',
      role: 'INVESTOR',
      share: '1/3',
      percent: '33.3333',
      party: { __typename: 'Fund', name: 'CAS Advanced Materials Industry Fund' },
    },
    {
      partyType: 'ENTERPRISE',
      partyId: 'levima',
      role: 'OPERATOR',
      share: '1/3',
      percent: '33.3333',
      party: { __typename: 'Enterprise', name: 'Levima Advanced Materials Corporation' },
    },
  ]);
});

test('¥1,000,000.00 over three equal parties: 333,333.34 + 333,333.33 + 333,333.33, to the fen', async () => {
  const agreement = await signed();
  const response = await distribute(agreement.id, '1000000.00');
  expect(response.errors).toBeUndefined();
  expect(response.data?.benefitAgreement.distribute.map((p) => [p.partyId, p.amount.amount])).toEqual([
    ['dicp', '333333.34'],
    ['cas-amif', '333333.33'],
    ['levima', '333333.33'],
  ]);
});

test('¥0.01 over three parties: the one fen goes to the first party, the others get nothing', async () => {
  const agreement = await signed();
  const response = await distribute(agreement.id, '0.01');
  expect(response.data?.benefitAgreement.distribute.map((p) => p.amount.amount)).toEqual([
    '0.01',
    '0.00',
    '0.00',
  ]);
});

test.each([
  ['100.00', ['40', '35', '25'], ['40.00', '35.00', '25.00']],
  ['0.02', ['1/3', '1/3', '1/3'], ['0.01', '0.01', '0.00']],
  ['10.00', ['1/6', '1/2', '1/3'], ['1.67', '5.00', '3.33']],
  ['0.05', ['50', '30', '20'], ['0.03', '0.01', '0.01']],
  [
    '9999999999999999.99',
    ['1/3', '1/3', '1/3'],
    ['3333333333333333.33', '3333333333333333.33', '3333333333333333.33'],
  ],
])('%s split by %j pays %j, summing to the amount', async (amount, shares, expected) => {
  const agreement = await signed({ parties: THIRDS.map((p, i) => ({ ...p, share: shares[i] })) });
  const response = await distribute(agreement.id, amount);
  expect(response.errors).toBeUndefined();
  const paid = response.data!.benefitAgreement.distribute.map((p) => p.amount.amount);
  expect(paid).toEqual(expected);
  const fen = paid.reduce((sum, a) => sum + BigInt(a.replace('.', '')), 0n);
  expect(fen).toBe(BigInt(amount.replace('.', '')));
});

test.each([
  ['a zero amount', '0.00'],
  ['a negative amount', '-5.00'],
  ['more decimals than fen', '1.001'],
  ['a float in disguise', '1e6'],
])('distributing %s is refused, naming the argument', async (_case, amount) => {
  const agreement = await signed();
  const response = await distribute(agreement.id, amount);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
});

const INVALID: [string, Record<string, unknown>, string, string][] = [
  [
    'shares summing to 95%',
    { parties: THIRDS.map((p, i) => ({ ...p, share: ['40', '40', '15'][i] })) },
    'BAD_USER_INPUT',
    'input.parties',
  ],
  [
    'shares summing to 100.000001%',
    { parties: THIRDS.map((p, i) => ({ ...p, share: ['1/3', '1/3', '33.333334'][i] })) },
    'BAD_USER_INPUT',
    'input.parties',
  ],
  ['no parties', { parties: [] }, 'BAD_USER_INPUT', 'input.parties'],
  ['a zero share', { parties: [{ ...THIRDS[0], share: '0' }] }, 'BAD_USER_INPUT', 'input.parties[0].share'],
  [
    'a share over 100%',
    { parties: [{ ...THIRDS[0], share: '101' }] },
    'BAD_USER_INPUT',
    'input.parties[0].share',
  ],
  [
    'a malformed share',
    { parties: [{ ...THIRDS[0], share: 'a third' }] },
    'BAD_USER_INPUT',
    'input.parties[0].share',
  ],
  [
    'a share with seven decimals',
    { parties: [{ ...THIRDS[0], share: '33.3333333' }] },
    'BAD_USER_INPUT',
    'input.parties[0].share',
  ],
  [
    'an institute as inventor',
    { parties: [{ ...THIRDS[0], role: 'INVENTOR', share: '100' }] },
    'BAD_USER_INPUT',
    'input.parties[0].role',
  ],
  [
    'a fund as operator',
    { parties: [THIRDS[0], { ...THIRDS[1], role: 'OPERATOR' }, THIRDS[2]] },
    'BAD_USER_INPUT',
    'input.parties[1].role',
  ],
  [
    'a party named twice',
    { parties: [THIRDS[0], THIRDS[0], THIRDS[2]] },
    'BAD_USER_INPUT',
    'input.parties[1]',
  ],
  [
    'an unknown party',
    { parties: [THIRDS[0], { ...THIRDS[1], id: 'no-such-fund' }, THIRDS[2]] },
    'NOT_FOUND',
    'input.parties[1].id',
  ],
  ['empty IP terms', { ipTerms: '  ' }, 'BAD_USER_INPUT', 'input.ipTerms'],
  ['an impossible date', { signedOn: '2026-02-30' }, 'BAD_USER_INPUT', 'input.signedOn'],
];

test.each(INVALID)(
  'signing with %s is refused and nothing is written',
  async (_case, overrides, code, field) => {
    const project = await givenProject(federation);
    const response = await sign(signing(project.id, overrides));
    expect(response.data?.signBenefitAgreement ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await agreementOf(project.id)).toBeNull();
  },
);

test('the refusal of shares that miss 100% says what they sum to', async () => {
  const project = await givenProject(federation);
  const response = await sign(
    signing(project.id, { parties: THIRDS.map((p, i) => ({ ...p, share: ['40', '40', '15'][i] })) }),
  );
  expect(response.errors?.[0]?.message).toContain('sum to 95% (19/20)');
});

test('shares as percentages with decimals that make exactly 100% are accepted', async () => {
  const agreement = await signed({
    parties: THIRDS.map((p, i) => ({ ...p, share: ['33.3333', '33.3333', '33.3334'][i] })),
  });
  expect(agreement.parties.map((p) => p.share)).toEqual([
    '333333/1000000',
    '333333/1000000',
    '166667/500000',
  ]);
  expect(agreement.parties.map((p) => p.percent)).toEqual(['33.3333', '33.3333', '33.3334']);
});

test('an unknown project, a second agreement, and a caller other than the secretariat are refused', async () => {
  const unknown = await sign(signing('no-such-project'));
  expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.projectId' });

  const agreement = await signed();
  const project = await federation.query<{ benefitAgreement: { project: { id: string } } }>(
    `query($id: ID!) { benefitAgreement(id: $id) { project { id } } }`,
    { id: agreement.id },
    secretariat,
  );
  const second = await sign(signing(project.data!.benefitAgreement.project.id));
  expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.projectId' });

  const fresh = await givenProject(federation);
  const editor = await sign(signing(fresh.id), await federation.token('institute:dicp', 'EDITOR'));
  expect(editor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await agreementOf(fresh.id)).toBeNull();
});

test('an amendment is a new version; the signed terms stay in the history and distributions use the new ones', async () => {
  const agreement = await signed();
  const response = await federation.query<{ amendBenefitAgreement: Agreement }>(
    AMEND,
    {
      input: {
        agreementId: agreement.id,
        parties: [
          { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '50' },
          { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '50' },
        ],
        ipTerms: 'The fund sold its stake; the institute and the operator share the income.',
        signedOn: '2026-09-01',
        reason: 'The fund exited',
      },
    },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  const amended = response.data!.amendBenefitAgreement;
  expect(amended).toMatchObject({ id: agreement.id, version: 2, signedOn: '2026-09-01' });
  expect(amended.parties.map((p) => [p.partyId, p.share])).toEqual([
    ['dicp', '1/2'],
    ['levima', '1/2'],
  ]);
  expect(amended.history).toMatchObject([
    {
      version: 1,
      reason: 'Signed',
      recordedBy: 'alliance:secretariat#user',
      parties: [
        { partyId: 'dicp', share: '1/3' },
        { partyId: 'cas-amif', share: '1/3' },
        { partyId: 'levima', share: '1/3' },
      ],
    },
    { version: 2, reason: 'The fund exited', parties: [{ partyId: 'dicp' }, { partyId: 'levima' }] },
  ]);
  const split = await distribute(agreement.id, '0.01');
  expect(split.data?.benefitAgreement.distribute.map((p) => [p.partyId, p.amount.amount])).toEqual([
    ['dicp', '0.01'],
    ['levima', '0.00'],
  ]);
  // The fund the amendment removed no longer reads the terms; the parties in force do.
  const termsFor = async (org: string) =>
    federation.query<{ benefitAgreement: { ipTerms: string } | null }>(
      `query($id: ID!) { benefitAgreement(id: $id) { ipTerms } }`,
      { id: agreement.id },
      await federation.token(org, 'VIEWER'),
    );
  const exited = await termsFor('fund:cas-amif');
  expect(exited.data?.benefitAgreement).toBeNull();
  expect(exited.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const inForce = await termsFor('enterprise:levima');
  expect(inForce.errors).toBeUndefined();
  expect(inForce.data?.benefitAgreement?.ipTerms).toBe(
    'The fund sold its stake; the institute and the operator share the income.',
  );
});

test('an amendment signed before the version it replaces, or without a reason, is refused', async () => {
  const agreement = await signed();
  const amend = (overrides: Record<string, unknown>) =>
    federation.query(
      AMEND,
      {
        input: {
          agreementId: agreement.id,
          parties: THIRDS,
          ipTerms: 'Same terms.',
          signedOn: '2026-04-01',
          reason: 'Clarified',
          ...overrides,
        },
      },
      secretariat,
    );
  expect((await amend({ signedOn: '2026-02-01' })).errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.signedOn',
  });
  expect((await amend({ reason: ' ' })).errors?.[0]?.extensions).toMatchObject({ field: 'input.reason' });
  expect((await amend({ agreementId: 'nope' })).errors?.[0]?.extensions).toMatchObject({
    code: 'NOT_FOUND',
    field: 'input.agreementId',
  });
  const after = await federation.query<{ benefitAgreement: { version: number } }>(
    `query($id: ID!) { benefitAgreement(id: $id) { version } }`,
    { id: agreement.id },
    secretariat,
  );
  expect(after.data?.benefitAgreement.version).toBe(1);
});

test('an executed distribution is recorded with its payouts, which sum to the amount', async () => {
  const project = await givenProject(federation);
  const agreement = (await sign(signing(project.id))).data!.signBenefitAgreement;
  const response = await federation.query<{
    executeDistribution: {
      version: number;
      note: string;
      executedBy: string;
      amount: { amount: string; currency: string };
      payouts: { partyId: string; share: string; amount: { amount: string } }[];
    };
  }>(
    EXECUTE,
    { input: { agreementId: agreement.id, amount: '1000000.00', note: 'Licence income 2026' } },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.executeDistribution).toMatchObject({
    version: 1,
    note: 'Licence income 2026',
    executedBy: 'alliance:secretariat#user',
    amount: { amount: '1000000.00', currency: 'CNY' },
    payouts: [
      { partyId: 'dicp', share: '1/3', amount: { amount: '333333.34' } },
      { partyId: 'cas-amif', share: '1/3', amount: { amount: '333333.33' } },
      { partyId: 'levima', share: '1/3', amount: { amount: '333333.33' } },
    ],
  });
  expect((await agreementOf(project.id))?.distributions).toEqual([{ amount: { amount: '1000000.00' } }]);

  const refused = await federation.query(
    EXECUTE,
    { input: { agreementId: agreement.id, amount: '1.234' } },
    secretariat,
  );
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
  const notSecretariat = await federation.query(
    EXECUTE,
    { input: { agreementId: agreement.id, amount: '1.00' } },
    await federation.token('institute:dicp', 'EDITOR'),
  );
  expect(notSecretariat.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await agreementOf(project.id))?.distributions).toHaveLength(1);
});

test('terms are visible to the secretariat and the parties only', async () => {
  const project = await givenProject(federation);
  const agreement = (await sign(signing(project.id))).data!.signBenefitAgreement;
  const read = (token: string) =>
    federation.query<{ project: { code: string; benefitAgreement: { ipTerms: string } | null } }>(
      `query($id: ID!) { project(id: $id) { code benefitAgreement { ipTerms } } }`,
      { id: project.id },
      token,
    );
  for (const org of ['institute:dicp', 'fund:cas-amif', 'enterprise:levima']) {
    const party = await read(await federation.token(org, 'VIEWER'));
    expect(party.errors).toBeUndefined();
    expect(party.data?.project.benefitAgreement?.ipTerms).toContain('licenses them exclusively');
  }
  for (const token of ['', await federation.token('institute:ciac', 'EDITOR')]) {
    const outsider = await read(token);
    // The project stays readable; the agreement is null with FORBIDDEN at its path.
    expect(outsider.data?.project).toEqual({ code: project.code, benefitAgreement: null });
    expect(outsider.errors).toHaveLength(1);
    expect(outsider.errors?.[0]).toMatchObject({
      path: ['project', 'benefitAgreement'],
      extensions: { code: 'FORBIDDEN' },
    });
    const byId = await distribute(agreement.id, '1.00', token);
    expect(byId.data?.benefitAgreement ?? null).toBeNull();
    expect(byId.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
});

test('the database refuses shares that miss the whole and changes to recorded versions', async () => {
  const agreement = await signed();
  const db = federation.stack.subgraphs.get('alliance')!.dataSource;
  await expect(
    db.transaction(async (tx) => {
      await tx.query(`UPDATE alliance.benefit_agreement SET current_version = 2 WHERE id = $1`, [
        agreement.id,
      ]);
      await tx.insert(AgreementVersionEntity, {
        agreementId: agreement.id,
        version: 2,
        ipTerms: 'x',
        signedOn: '2026-05-01',
        shareDenominator: '3',
        reason: 'no parties',
        recordedBy: 'test',
      });
    }),
  ).rejects.toMatchObject({ driverError: { constraint: 'agreement_shares_sum_to_whole' } });
  await expect(
    db.query(`UPDATE alliance.agreement_version SET ip_terms = 'rewritten' WHERE agreement_id = $1`, [
      agreement.id,
    ]),
  ).rejects.toMatchObject({ driverError: { constraint: 'agreement_history_immutable' } });
  const after = await federation.query<{ benefitAgreement: { version: number; ipTerms: string } }>(
    `query($id: ID!) { benefitAgreement(id: $id) { version ipTerms } }`,
    { id: agreement.id },
    secretariat,
  );
  expect(after.data?.benefitAgreement).toEqual({ version: 1, ipTerms: agreement.ipTerms });
});

test('the demo DMTO agreement: DICP, Levima and the CAS fund share 40 / 45 / 15', async () => {
  const response = await federation.query<{ project: { benefitAgreement: Agreement } }>(
    `{ project(id: "dmto-industrialization") { benefitAgreement { ${AGREEMENT_FIELDS} } } }`,
    {},
    await federation.token('institute:dicp', 'VIEWER'),
  );
  expect(response.errors).toBeUndefined();
  expect(
    response.data?.project.benefitAgreement.parties.map((p) => [p.partyId, p.role, p.share, p.percent]),
  ).toEqual([
    ['dicp', 'INSTITUTE', '2/5', '40'],
    ['levima', 'OPERATOR', '9/20', '45'],
    ['cas-amif', 'INVESTOR', '3/20', '15'],
  ]);
});

test('an inventor is a researcher, checked and resolved by the institutes subgraph', async () => {
  const project = await givenProject(federation);
  const parties = [
    { type: 'RESEARCHER', id: 'dicp-r1', role: 'INVENTOR', share: '20' },
    { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '30' },
    { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '50' },
  ];
  const response = await federation.query<{
    signBenefitAgreement: { parties: { role: string; share: string; party: Record<string, unknown> }[] };
  }>(
    `mutation($input: SignBenefitAgreementInput!) {
      signBenefitAgreement(input: $input) {
        parties { role share party { __typename ... on Researcher { name institute { name } } ... on Institute { name } ... on Enterprise { name } } }
      }
    }`,
    { input: signing(project.id, { parties }) },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.signBenefitAgreement.parties[0]).toEqual({
    role: 'INVENTOR',
    share: '1/5',
    party: {
      __typename: 'Researcher',
      name: 'DICP researcher A (illustrative)',
      institute: { name: 'Dalian Institute of Chemical Physics' },
    },
  });

  const other = await givenProject(federation);
  const unknown = await sign(
    signing(other.id, { parties: [{ ...parties[0], id: 'no-such-researcher' }, parties[1], parties[2]] }),
  );
  expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.parties[0].id' });
  expect(await agreementOf(other.id)).toBeNull();
});

test('concurrent amendments become consecutive versions, none lost', async () => {
  const agreement = await signed();
  const responses = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      federation.query<{ amendBenefitAgreement: { version: number } }>(
        AMEND,
        {
          input: {
            agreementId: agreement.id,
            parties: THIRDS,
            ipTerms: `Amendment ${i}`,
            signedOn: '2026-06-01',
            reason: `Amendment ${i}`,
          },
        },
        secretariat,
      ),
    ),
  );
  expect(responses.filter((r) => r.errors)).toEqual([]);
  const versions = responses.map((r) => r.data!.amendBenefitAgreement.version).sort((a, b) => a - b);
  expect(versions).toEqual([2, 3, 4, 5, 6, 7]);
  const history = await federation.query<{
    benefitAgreement: { version: number; history: { reason: string }[] };
  }>(
    `query($id: ID!) { benefitAgreement(id: $id) { version history { reason } } }`,
    { id: agreement.id },
    secretariat,
  );
  expect(history.data?.benefitAgreement.version).toBe(7);
  expect(new Set(history.data?.benefitAgreement.history.map((h) => h.reason)).size).toBe(7);
});

test("each alliance's secretariat records and reads its own projects' agreements, distributions and risk pools; another's is refused and writes nothing", async () => {
  const consortium = await federation.token('alliance:central-soe-consortium', 'SECRETARIAT');
  const theirs = await givenProject(federation, { allianceId: 'central-soe-consortium' });
  const ours = await givenProject(federation);

  // The CAS secretariat may not sign for the consortium's project, nor the consortium for the CAS one.
  const tables = ['alliance.benefit_agreement', 'alliance.distribution', 'alliance.risk_pool'];
  const counts = () => Promise.all(tables.map((table) => rowCount(federation, 'alliance', table)));
  const before = await counts();
  for (const [projectId, token] of [
    [theirs.id, secretariat],
    [ours.id, consortium],
  ] as const) {
    const refused = await sign(signing(projectId), token);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  }
  expect(await counts()).toEqual(before);

  // The consortium's secretariat signs for its own project, distributes and opens a pool.
  const signedByThem = await sign(signing(theirs.id), consortium);
  expect(signedByThem.errors).toBeUndefined();
  const agreementId = signedByThem.data!.signBenefitAgreement.id;
  const executed = await federation.query(
    EXECUTE,
    { input: { agreementId, amount: '300.00', note: 'First licence fee' } },
    consortium,
  );
  expect(executed.errors).toBeUndefined();
  const pool = await federation.query(
    `mutation($input: OpenRiskPoolInput!) { openRiskPool(input: $input) { id } }`,
    { input: { agreementId, stage: 'PILOT', budget: '1000.00' } },
    consortium,
  );
  expect(pool.errors).toBeUndefined();

  // The CAS secretariat may neither amend, distribute under, nor open a pool on it, nor read it.
  const afterTheirs = await counts();
  const attempts = [
    federation.query(
      AMEND,
      { input: { ...signing(theirs.id), projectId: undefined, agreementId, reason: 'not ours' } },
      secretariat,
    ),
    federation.query(EXECUTE, { input: { agreementId, amount: '300.00' } }, secretariat),
    federation.query(
      `mutation($input: OpenRiskPoolInput!) { openRiskPool(input: $input) { id } }`,
      { input: { agreementId, stage: 'INDUSTRIALIZATION', budget: '1000.00' } },
      secretariat,
    ),
  ];
  for (const attempt of await Promise.all(attempts))
    expect(attempt.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(await counts()).toEqual(afterTheirs);

  const READ_TERMS = `query($id: ID!) { benefitAgreement(id: $id) { id ipTerms } }`;
  const asThem = await federation.query<{ benefitAgreement: { id: string } | null }>(
    READ_TERMS,
    { id: agreementId },
    consortium,
  );
  expect(asThem.data?.benefitAgreement?.id).toBe(agreementId);
  const asCas = await federation.query<{ benefitAgreement: { id: string } | null }>(
    READ_TERMS,
    { id: agreementId },
    secretariat,
  );
  expect(asCas.data?.benefitAgreement ?? null).toBeNull();
  expect(asCas.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

  // Its audit trails (the project's, the agreement's) are its own secretariat's to read,
  // not the CAS secretariat's: an empty page for it, as for anyone else.
  const TRAILS = `query($id: ID!) {
    project(id: $id) { auditTrail { edges { node { operation } } } benefitAgreement { auditTrail { edges { node { operation } } } } }
  }`;
  type Trails = {
    project: {
      auditTrail: { edges: { node: { operation: string } }[] };
      benefitAgreement: { auditTrail: { edges: { node: { operation: string } }[] } } | null;
    };
  };
  const operations = (trail: { edges: { node: { operation: string } }[] } | undefined) =>
    trail?.edges.map((e) => e.node.operation);
  const moved = await federation.query(
    `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`,
    { input: { projectId: theirs.id, to: 'EVALUATION', reason: 'evaluation starts' } },
    consortium,
  );
  expect(moved.errors).toBeUndefined();
  const theirTrails = await federation.query<Trails>(TRAILS, { id: theirs.id }, consortium);
  expect(theirTrails.errors).toBeUndefined();
  expect(operations(theirTrails.data?.project.benefitAgreement?.auditTrail)).toContain(
    'signBenefitAgreement',
  );
  expect(operations(theirTrails.data?.project.auditTrail)).toContain('changeProjectStage');
  const casTrails = await federation.query<Trails>(TRAILS, { id: theirs.id }, secretariat);
  expect(operations(casTrails.data?.project.auditTrail)).toEqual([]);
  expect(operations(casTrails.data?.project.benefitAgreement?.auditTrail)).toBeUndefined();
});

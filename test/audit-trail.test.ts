import { randomUUID } from 'node:crypto';
import { givenInvestment, givenProject } from './builders';
import { databaseOf, givenAchievement, givenDemand } from './builders-innovation';
import { MemberEntity } from '../services/alliance/members/member.entity';
import { givenExpert } from './builders-alliance';
import { PatentEntity } from '../services/institutes/entities/patent.entity';
import { ResearcherEntity } from '../services/institutes/entities/researcher.entity';
import { database, givenBase, givenBooking, givenFacility, givenFund, rowCount } from './builders-capital';
import { GATEWAY_PROOF_HEADER, signGatewayProof, type Caller } from '../shared/identity';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * The audit trail of every mutation (docs/audit.md): each one, done by its owner, leaves
 * exactly one entry on the record's `auditTrail`, naming the operation, the caller's
 * organization and the changed fields before and after; another organization and an
 * anonymous caller see none of it; a refused mutation leaves no entry; and no entry can be
 * changed or removed, not even through the application's own database connection.
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
}, 120_000);
afterAll(async () => {
  await federation.stop();
});

const TRAIL = /* GraphQL */ `
  auditTrail(first: 10) {
    totalCount
    edges {
      cursor
      node {
        id
        at
        actor
        organization
        requestId
        idempotencyKey
        operation
        entityType
        entityId
        before
        after
      }
    }
  }
`;

interface Entry {
  id: string;
  at: string;
  actor: string | null;
  organization: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
  operation: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

interface Trail {
  totalCount: number;
  edges: { cursor: string; node: Entry }[];
}

/** How a case's record's trail is read: a query taking `$id`, and where the trail is in its answer. */
interface Reader {
  query: string;
  /** The query's variables for the record `id` (and what setup gave for reading it). */
  variables?: (id: string, extra: Record<string, unknown>) => Record<string, unknown>;
  trail: (data: Record<string, unknown>, id: string) => Trail | null | undefined;
}

/** A query reading the trail of the record a root field returns by id. */
function byRoot(field: string): Reader {
  return {
    query: `query($id: ID!) { record: ${field}(id: $id) { ${TRAIL} } }`,
    trail: (data) => (data.record as { auditTrail: Trail } | null)?.auditTrail,
  };
}

/** One mutation, done once by the record's owner. */
interface AuditCase {
  operation: string;
  entityType: string;
  /** Organization of the caller doing the mutation (and recorded on the entry), unless setup names it. */
  actor?: string;
  actorRoles?: string[];
  /** Who reads the trail as the owner (the actor when absent). */
  owner?: string;
  ownerRoles?: string[];
  /** An organization that sees the record but not its trail (unless `otherSeesRecord` is false). */
  other: string;
  /** False when the other organization may not see the record at all (an agreement's terms). */
  otherSeesRecord?: false;
  read: Reader;
  /** Makes what the mutation needs; returns the record's id when it exists already. */
  setup(): Promise<{
    id: string | null;
    variables: Record<string, unknown>;
    actor?: string;
    /** Who reads as the owner, when setup makes them. */
    owner?: string;
    /** What the reader needs besides the record's id. */
    readWith?: Record<string, unknown>;
  }>;
  mutation: string;
  /** The changed record's id in the mutation's answer. */
  idOf: (data: Record<string, unknown>) => string;
  /** Fields the entry's `before` must hold (null: a creation). */
  before: Record<string, unknown> | null;
  /** Fields the entry's `after` must hold. */
  after: Record<string, unknown>;
}

/** The secretariat acts for the alliance: it creates projects, admits members, records agreements. */
const SECRETARIAT_ACTS = { actor: 'alliance:secretariat', actorRoles: ['SECRETARIAT'] };

function signing(projectId: string) {
  return {
    projectId,
    parties: [
      { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/3' },
      { type: 'FUND', id: 'cas-amif', role: 'INVESTOR', share: '1/3' },
      { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/3' },
    ],
    ipTerms: 'The institute keeps the patents and licenses them exclusively to the operator.',
    signedOn: '2026-03-01',
  };
}

const idAt =
  (field: string) =>
  (data: Record<string, unknown>): string =>
    (data[field] as { id: string }).id;

const investmentReader = byRoot('investment');

const CASES: AuditCase[] = [
  {
    operation: 'commitInvestment',
    entityType: 'Investment',
    other: 'fund:cas-amif',
    read: investmentReader,
    async setup() {
      const fund = await givenFund(federation, { size: '5000000.00' });
      return {
        id: null,
        actor: `fund:${fund.id}`,
        variables: {
          input: {
            fundId: fund.id,
            projectId: 'dmto-industrialization',
            stage: 'PILOT',
            instrument: 'EQUITY',
            amount: '100000.00',
            focusArea: 'advanced materials',
            committedOn: '2026-01-15',
          },
        },
      };
    },
    mutation: `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
    idOf: idAt('commitInvestment'),
    before: null,
    after: { amount: '100000.00', status: 'COMMITTED', committedOn: '2026-01-15', visibility: 'MEMBERS' },
  },
  ...(
    [
      ['disburseInvestment', 'COMMITTED', { status: 'DISBURSED', disbursedOn: '2026-02-01' }],
      ['exitInvestment', 'DISBURSED', { status: 'EXITED', closedOn: '2026-02-01' }],
      ['writeOffInvestment', 'DISBURSED', { status: 'WRITTEN_OFF', closedOn: '2026-02-01' }],
    ] as const
  ).map(([operation, from, after]): AuditCase => ({
    operation,
    entityType: 'Investment',
    other: 'fund:cas-amif',
    read: investmentReader,
    async setup() {
      const fund = await givenFund(federation, { size: '5000000.00' });
      const investment = await givenInvestment(federation, {
        fundId: fund.id,
        status: from,
        enterpriseId: 'levima',
        visibility: 'MEMBERS',
        ...(from === 'DISBURSED' ? { disbursedOn: '2026-01-01' } : {}),
      });
      return {
        id: investment.id,
        actor: `fund:${fund.id}`,
        variables: { id: investment.id, on: '2026-02-01' },
      };
    },
    mutation: `mutation($id: ID!, $on: String) { ${operation}(id: $id, on: $on) { id } }`,
    idOf: idAt(operation),
    before: { status: from },
    after,
  })),
  {
    operation: 'setInvestmentVisibility',
    entityType: 'Investment',
    other: 'fund:cas-amif',
    read: investmentReader,
    async setup() {
      const fund = await givenFund(federation);
      const investment = await givenInvestment(federation, {
        fundId: fund.id,
        enterpriseId: 'levima',
        visibility: 'MEMBERS',
      });
      return {
        id: investment.id,
        actor: `fund:${fund.id}`,
        variables: { id: investment.id, visibility: 'PUBLIC' },
      };
    },
    mutation: `mutation($id: ID!, $visibility: InvestmentVisibility!) {
      setInvestmentVisibility(id: $id, visibility: $visibility) { id }
    }`,
    idOf: idAt('setInvestmentVisibility'),
    before: { visibility: 'MEMBERS' },
    after: { visibility: 'PUBLIC' },
  },
  {
    operation: 'postTechnologyDemand',
    entityType: 'TechnologyDemand',
    actor: 'enterprise:levima',
    other: 'enterprise:sinopec-guangzhou-engineering',
    read: byRoot('technologyDemand'),
    setup: async () => ({
      id: null,
      variables: {
        input: {
          enterpriseId: 'levima',
          title: 'A film for audit',
          ipcCode: 'C08J 5/18',
          keywords: ['photovoltaic'],
          minTrl: 5,
        },
      },
    }),
    mutation: `mutation($input: PostTechnologyDemandInput!) { postTechnologyDemand(input: $input) { id } }`,
    idOf: idAt('postTechnologyDemand'),
    before: null,
    after: { enterpriseId: 'levima', title: 'A film for audit', minTrl: 5, status: 'OPEN' },
  },
  {
    operation: 'updateTechnologyDemand',
    entityType: 'TechnologyDemand',
    actor: 'enterprise:levima',
    other: 'enterprise:sinopec-guangzhou-engineering',
    read: byRoot('technologyDemand'),
    async setup() {
      const demand = await givenDemand(federation, { minTrl: 5 });
      return { id: demand.id, variables: { input: { demandId: demand.id, minTrl: 6 } } };
    },
    mutation: `mutation($input: UpdateTechnologyDemandInput!) { updateTechnologyDemand(input: $input) { id } }`,
    idOf: idAt('updateTechnologyDemand'),
    before: { minTrl: 5 },
    after: { minTrl: 6 },
  },
  {
    operation: 'requestBooking',
    entityType: 'Booking',
    actor: 'enterprise:levima',
    other: 'enterprise:sinopec-guangzhou-engineering',
    read: byRoot('booking'),
    async setup() {
      const { facility, project } = await givenBookable();
      return {
        id: null,
        variables: {
          input: {
            facilityId: facility.id,
            projectId: project.id,
            start: '2031-03-01',
            end: '2031-03-10',
            purpose: 'audit run',
          },
        },
      };
    },
    mutation: `mutation($input: RequestBookingInput!) { requestBooking(input: $input) { id } }`,
    idOf: idAt('requestBooking'),
    before: null,
    after: { status: 'REQUESTED', purpose: 'audit run', requestedBy: 'enterprise:levima' },
  },
  ...(
    [
      ['confirmBooking', 'REQUESTED', 'CONFIRMED', {}],
      ['startBooking', 'CONFIRMED', 'RUNNING', {}],
      ['completeBooking', 'RUNNING', 'COMPLETED', { outcome: 'it ran' }],
      ['cancelBooking', 'CONFIRMED', 'CANCELLED', { reason: 'no longer needed' }],
    ] as const
  ).map(([operation, from, to, details]): AuditCase => ({
    operation,
    entityType: 'Booking',
    other: 'enterprise:sinopec-guangzhou-engineering',
    read: byRoot('booking'),
    async setup() {
      const { base, facility, project } = await givenBookable();
      const id = await givenBooking(federation, {
        facilityId: facility.id,
        projectId: project.id,
        start: '2031-04-01',
        end: '2031-04-05',
        status: from,
      });
      return { id, actor: `pilot-base:${base.id}`, variables: { id, ...details } };
    },
    mutation: `mutation($id: ID!${'outcome' in details ? ', $outcome: String!' : ''}${'reason' in details ? ', $reason: String' : ''}) {
        ${operation}(id: $id${'outcome' in details ? ', outcome: $outcome' : ''}${'reason' in details ? ', reason: $reason' : ''}) { id }
      }`,
    idOf: idAt(operation),
    before: { status: from },
    after: {
      status: to,
      ...('outcome' in details ? { outcome: details.outcome } : {}),
      ...('reason' in details ? { cancellationReason: details.reason } : {}),
    },
  })),
  {
    operation: 'registerAchievement',
    entityType: 'Achievement',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('achievement'),
    setup: async () => ({
      id: null,
      variables: {
        input: {
          instituteId: 'dicp',
          title: 'An audited catalyst',
          summary: 'For the audit trail',
          ipcCodes: ['C07C 1/20'],
          keywords: ['catalyst'],
          trl: 4,
          developmentStatus: 'LABORATORY',
        },
      },
    }),
    mutation: `mutation($input: RegisterAchievementInput!) { registerAchievement(input: $input) { id } }`,
    idOf: idAt('registerAchievement'),
    before: null,
    after: { instituteId: 'dicp', title: 'An audited catalyst', trl: 4, visibility: 'MEMBERS' },
  },
  {
    operation: 'updateAchievement',
    entityType: 'Achievement',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('achievement'),
    async setup() {
      const achievement = await givenAchievement(federation, { title: 'Old title' });
      return {
        id: achievement.id,
        variables: { input: { achievementId: achievement.id, title: 'New title' } },
      };
    },
    mutation: `mutation($input: UpdateAchievementInput!) { updateAchievement(input: $input) { id } }`,
    idOf: idAt('updateAchievement'),
    before: { title: 'Old title' },
    after: { title: 'New title' },
  },
  {
    operation: 'changeTrl',
    entityType: 'Achievement',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('achievement'),
    async setup() {
      const achievement = await givenAchievement(federation, { trl: 5 });
      return {
        id: achievement.id,
        variables: {
          input: { achievementId: achievement.id, trl: 6, note: 'pilot ran', changedOn: '2025-01-01' },
        },
      };
    },
    mutation: `mutation($input: ChangeTrlInput!) { changeTrl(input: $input) { id } }`,
    idOf: idAt('changeTrl'),
    before: { trl: 5, trlNote: 'test data', trlChangedOn: '2024-01-01' },
    after: { trl: 6, trlNote: 'pilot ran', trlChangedOn: '2025-01-01' },
  },
  {
    operation: 'addPatent',
    entityType: 'Patent',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('patent'),
    async setup() {
      const achievement = await givenAchievement(federation);
      return {
        id: null,
        variables: {
          input: {
            achievementId: achievement.id,
            number: `CN${Date.now()}A`,
            jurisdiction: 'CN',
            title: 'An audited patent',
            filedOn: '2024-03-01',
          },
        },
      };
    },
    mutation: `mutation($input: AddPatentInput!) { addPatent(input: $input) { id } }`,
    idOf: idAt('addPatent'),
    before: null,
    after: { title: 'An audited patent', status: 'FILED', filedOn: '2024-03-01' },
  },
  {
    operation: 'updatePatent',
    entityType: 'Patent',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('patent'),
    async setup() {
      const achievement = await givenAchievement(federation);
      const id = randomUUID();
      await databaseOf(federation, 'institutes')
        .getRepository(PatentEntity)
        .insert({
          id,
          achievementId: achievement.id,
          number: `CN${Date.now()}B`,
          jurisdiction: 'CN',
          title: 'A filed patent',
          status: 'FILED',
          filedOn: '2024-03-01',
          grantedOn: null,
          illustrative: true,
        });
      return { id, variables: { input: { patentId: id, status: 'GRANTED', grantedOn: '2025-03-01' } } };
    },
    mutation: `mutation($input: UpdatePatentInput!) { updatePatent(input: $input) { id } }`,
    idOf: idAt('updatePatent'),
    before: { status: 'FILED', grantedOn: null },
    after: { status: 'GRANTED', grantedOn: '2025-03-01' },
  },
  {
    operation: 'setInventors',
    entityType: 'Achievement',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('achievement'),
    async setup() {
      const achievement = await givenAchievement(federation);
      const researcher = await givenResearcher();
      return {
        id: achievement.id,
        variables: {
          input: { achievementId: achievement.id, inventors: [{ researcherId: researcher, share: '100' }] },
        },
      };
    },
    mutation: `mutation($input: SetInventorsInput!) { setInventors(input: $input) { id } }`,
    idOf: idAt('setInventors'),
    before: { inventors: [] },
    after: { inventors: [{ share: '100.00' }] },
  },
  {
    operation: 'addResearcher',
    entityType: 'Researcher',
    actor: 'institute:dicp',
    other: 'institute:ciac',
    read: byRoot('researcher'),
    setup: async () => ({ id: null, variables: { input: { instituteId: 'dicp', name: 'Dr. Audit' } } }),
    mutation: `mutation($input: AddResearcherInput!) { addResearcher(input: $input) { id } }`,
    idOf: idAt('addResearcher'),
    before: null,
    after: { instituteId: 'dicp', name: 'Dr. Audit' },
  },
  {
    operation: 'createProject',
    entityType: 'Project',
    ...SECRETARIAT_ACTS,
    owner: 'enterprise:levima',
    other: 'enterprise:sinopec-guangzhou-engineering',
    read: byRoot('project'),
    setup: async () => ({
      id: null,
      variables: {
        input: {
          code: `AUDIT-${randomUUID().slice(0, 8).toUpperCase()}`,
          title: 'An audited project',
          achievementId: 'dmto',
          leadEnterpriseId: 'levima',
        },
      },
    }),
    mutation: `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    idOf: idAt('createProject'),
    before: null,
    after: { title: 'An audited project', stage: 'DOCKING', leadEnterpriseId: 'levima' },
  },
  {
    operation: 'changeProjectStage',
    entityType: 'Project',
    ...SECRETARIAT_ACTS,
    owner: 'enterprise:levima',
    other: 'enterprise:sinopec-guangzhou-engineering',
    read: byRoot('project'),
    async setup() {
      const project = await givenProject(federation);
      return {
        id: project.id,
        variables: { input: { projectId: project.id, to: 'EVALUATION', reason: 'ready' } },
      };
    },
    mutation: `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { id } }`,
    idOf: idAt('changeProjectStage'),
    before: { stage: 'DOCKING', stageChangeReason: null },
    after: { stage: 'EVALUATION', stageChangeReason: 'ready' },
  },
  {
    operation: 'admitMember',
    entityType: 'Member',
    ...SECRETARIAT_ACTS,
    other: 'fund:cas-amif',
    read: byRoot('member'),
    async setup() {
      const fund = await givenFund(federation);
      return {
        id: null,
        owner: `fund:${fund.id}`,
        variables: {
          input: { organization: { type: 'FUND', id: fund.id }, role: 'MEMBER', joinedOn: '2026-01-01' },
        },
      };
    },
    mutation: `mutation($input: AdmitMemberInput!) { admitMember(input: $input) { id } }`,
    idOf: idAt('admitMember'),
    before: null,
    after: { organizationType: 'fund', role: 'MEMBER', status: 'ACTIVE', joinedOn: '2026-01-01' },
  },
  {
    operation: 'updateMember',
    entityType: 'Member',
    ...SECRETARIAT_ACTS,
    other: 'fund:cas-amif',
    read: byRoot('member'),
    async setup() {
      const fund = await givenFund(federation);
      const id = `member-${randomUUID()}`;
      await database(federation, 'alliance').getRepository(MemberEntity).insert({
        id,
        organizationType: 'fund',
        organizationId: fund.id,
        registeredName: null,
        role: 'MEMBER',
        status: 'ACTIVE',
        joinedOn: '2025-01-01',
        leftOn: null,
        illustrative: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      return { id, owner: `fund:${fund.id}`, variables: { input: { id, role: 'GOVERNING_UNIT' } } };
    },
    mutation: `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id } }`,
    idOf: idAt('updateMember'),
    before: { role: 'MEMBER' },
    after: { role: 'GOVERNING_UNIT' },
  },
  {
    operation: 'registerExpert',
    entityType: 'Expert',
    ...SECRETARIAT_ACTS,
    other: 'institute:dicp',
    read: byRoot('expert'),
    setup: async () => ({
      id: null,
      variables: { input: { subject: `audit:${randomUUID()}`, name: 'Audit Expert', fields: ['catalysis'] } },
    }),
    mutation: `mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { id } }`,
    idOf: idAt('registerExpert'),
    before: null,
    after: { name: 'Audit Expert', fields: ['catalysis'], allianceId: 'cas-advanced-materials' },
  },
  {
    operation: 'submitReview',
    entityType: 'ExpertReview',
    actorRoles: ['EXPERT'],
    owner: 'alliance:secretariat',
    ownerRoles: ['SECRETARIAT'],
    other: 'institute:ciac',
    read: {
      query: `query($expert: ID!) { expert(id: $expert) { reviews(first: 50) { id ${TRAIL} } } }`,
      variables: (_id, extra) => extra,
      trail: (data, id) =>
        (data.expert as { reviews: { id: string; auditTrail: Trail }[] } | null)?.reviews.find(
          (r) => r.id === id,
        )?.auditTrail,
    },
    async setup() {
      const organization = `partner:audit-${randomUUID().slice(0, 8)}`;
      const expert = await givenExpert(federation, { subject: `${organization}#user` });
      const project = await givenProject(federation, { stage: 'EVALUATION' });
      return {
        id: null,
        actor: organization,
        readWith: { expert: expert.id },
        variables: {
          input: {
            projectId: project.id,
            scores: { technicalMaturity: 4, marketDemand: 3, strategicFit: 5, team: 4 },
            recommendation: 'ADVANCE',
            comments: 'Ready for a proof of concept.',
          },
        },
      };
    },
    mutation: `mutation($input: SubmitReviewInput!) { submitReview(input: $input) { id } }`,
    idOf: idAt('submitReview'),
    before: null,
    after: { recommendation: 'ADVANCE', stage: 'EVALUATION', technicalMaturity: 4 },
  },
  {
    operation: 'signBenefitAgreement',
    entityType: 'BenefitAgreement',
    ...SECRETARIAT_ACTS,
    owner: 'institute:dicp',
    other: 'institute:ciac',
    otherSeesRecord: false,
    read: byRoot('benefitAgreement'),
    async setup() {
      const project = await givenProject(federation);
      return { id: null, variables: { input: signing(project.id) } };
    },
    mutation: `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id } }`,
    idOf: idAt('signBenefitAgreement'),
    before: null,
    after: {
      version: 1,
      signedOn: '2026-03-01',
      parties: [{ id: 'dicp' }, { id: 'cas-amif' }, { id: 'levima' }],
    },
  },
  {
    operation: 'amendBenefitAgreement',
    entityType: 'BenefitAgreement',
    ...SECRETARIAT_ACTS,
    owner: 'institute:dicp',
    other: 'institute:ciac',
    otherSeesRecord: false,
    read: byRoot('benefitAgreement'),
    async setup() {
      const id = await givenAgreement();
      return {
        id,
        variables: {
          input: {
            agreementId: id,
            parties: [
              { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/2' },
              { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/2' },
            ],
            ipTerms: 'Amended terms.',
            signedOn: '2026-04-01',
            reason: 'The fund left',
          },
        },
      };
    },
    mutation: `mutation($input: AmendBenefitAgreementInput!) { amendBenefitAgreement(input: $input) { id } }`,
    idOf: idAt('amendBenefitAgreement'),
    before: { version: 1, signedOn: '2026-03-01' },
    after: {
      version: 2,
      signedOn: '2026-04-01',
      reason: 'The fund left',
      parties: [{ id: 'dicp' }, { id: 'levima' }],
    },
  },
  {
    operation: 'executeDistribution',
    entityType: 'Distribution',
    ...SECRETARIAT_ACTS,
    owner: 'enterprise:levima',
    other: 'institute:ciac',
    otherSeesRecord: false,
    read: {
      query: `query($agreement: ID!) { benefitAgreement(id: $agreement) { distributions(first: 50) { id ${TRAIL} } } }`,
      variables: (_id, extra) => extra,
      trail: (data, id) =>
        (
          data.benefitAgreement as { distributions: { id: string; auditTrail: Trail }[] } | null
        )?.distributions.find((d) => d.id === id)?.auditTrail,
    },
    async setup() {
      const agreement = await givenAgreement();
      return {
        id: null,
        readWith: { agreement },
        variables: { input: { agreementId: agreement, amount: '900.00', note: 'first royalties' } },
      };
    },
    mutation: `mutation($input: ExecuteDistributionInput!) { executeDistribution(input: $input) { id } }`,
    idOf: idAt('executeDistribution'),
    before: null,
    after: { amount: '900.00', currency: 'CNY', version: 1, note: 'first royalties' },
  },
  {
    operation: 'openRiskPool',
    entityType: 'RiskPool',
    ...SECRETARIAT_ACTS,
    owner: 'institute:dicp',
    other: 'institute:ciac',
    otherSeesRecord: false,
    read: {
      query: `query($agreement: ID!) { benefitAgreement(id: $agreement) { riskPools { id ${TRAIL} } } }`,
      variables: (_id, extra) => extra,
      trail: (data, id) =>
        (data.benefitAgreement as { riskPools: { id: string; auditTrail: Trail }[] } | null)?.riskPools.find(
          (p) => p.id === id,
        )?.auditTrail,
    },
    async setup() {
      const agreement = await givenAgreement();
      return {
        id: null,
        readWith: { agreement },
        variables: { input: { agreementId: agreement, stage: 'PILOT', budget: '3000000.00' } },
      };
    },
    mutation: `mutation($input: OpenRiskPoolInput!) { openRiskPool(input: $input) { id } }`,
    idOf: idAt('openRiskPool'),
    before: null,
    after: { stage: 'PILOT', budget: '3000000.00', committed: '0.00' },
  },
  {
    operation: 'commitRisk',
    entityType: 'RiskContribution',
    ...SECRETARIAT_ACTS,
    owner: 'institute:dicp',
    other: 'institute:ciac',
    otherSeesRecord: false,
    read: {
      query: `query($agreement: ID!) { benefitAgreement(id: $agreement) { riskPools { contributions { id ${TRAIL} } } } }`,
      variables: (_id, extra) => extra,
      trail: (data, id) =>
        (
          data.benefitAgreement as {
            riskPools: { contributions: { id: string; auditTrail: Trail }[] }[];
          } | null
        )?.riskPools
          .flatMap((p) => p.contributions)
          .find((c) => c.id === id)?.auditTrail,
    },
    async setup() {
      const agreement = await givenAgreement();
      const opened = await federation.query(
        `mutation($input: OpenRiskPoolInput!) { openRiskPool(input: $input) { id } }`,
        { input: { agreementId: agreement, stage: 'PILOT', budget: '3000000.00' } },
        await federation.token('alliance:secretariat', 'SECRETARIAT'),
      );
      expect(opened.errors).toBeUndefined();
      return {
        id: null,
        readWith: { agreement },
        variables: {
          input: {
            agreementId: agreement,
            stage: 'PILOT',
            partyType: 'ENTERPRISE',
            partyId: 'levima',
            kind: 'IN_KIND',
            amount: '1200000.00',
            description: 'Pilot reactor time, 6 weeks',
          },
        },
      };
    },
    mutation: `mutation($input: CommitRiskInput!) { commitRisk(input: $input) { id } }`,
    idOf: idAt('commitRisk'),
    before: null,
    after: { amount: '1200000.00', kind: 'IN_KIND', partyId: 'levima', stage: 'PILOT' },
  },
];

/** An agreement signed (through the graph) for a new project: DICP, the CAS fund and Levima in thirds. */
async function givenAgreement(): Promise<string> {
  const project = await givenProject(federation);
  const response = await federation.query<{ signBenefitAgreement: { id: string } }>(
    `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id } }`,
    { input: signing(project.id) },
    await federation.token('alliance:secretariat', 'SECRETARIAT'),
  );
  expect(response.errors).toBeUndefined();
  return response.data!.signBenefitAgreement.id;
}

/** A researcher of DICP, written straight into the institutes' database. */
async function givenResearcher(): Promise<string> {
  const id = randomUUID();
  await databaseOf(federation, 'institutes')
    .getRepository(ResearcherEntity)
    .insert({
      id,
      instituteId: 'dicp',
      name: `Researcher ${id.slice(0, 8)}`,
      title: null,
      illustrative: true,
    });
  return id;
}

/** An open facility of a new operating base, and a project led by Levima to book it for. */
async function givenBookable() {
  const base = await givenBase(federation);
  const facility = await givenFacility(federation, { baseId: base.id });
  const project = await givenProject(federation);
  return { base, facility, project };
}

/**
 * The record's trail as `token` sees it. The owner's read must succeed; another caller's
 * may be refused altogether (an agreement's terms are the parties' only), which hides the
 * trail too.
 */
async function trailOf(
  reader: Reader,
  id: string,
  token: string | undefined,
  extra: Record<string, unknown>,
  owner = false,
): Promise<Trail | null | undefined> {
  const variables = reader.variables ? reader.variables(id, extra) : { id };
  const response = await federation.query<Record<string, unknown>>(reader.query, variables, token);
  if (owner) expect(response.errors).toBeUndefined();
  return reader.trail(response.data ?? {}, id);
}

test('every mutation of the schema has a case here', async () => {
  const response = await federation.query<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
    '{ __schema { mutationType { fields { name } } } }',
  );
  const names = response.data!.__schema.mutationType.fields.map((f) => f.name).sort();
  const covered = CASES.map((c) => c.operation).sort();
  expect(covered.filter((name) => !names.includes(name))).toEqual([]);
  expect(names.filter((name) => !covered.includes(name))).toEqual([]);
  expect(new Set(covered).size).toBe(covered.length);
});

describe.each(CASES.map((c) => [c.operation, c] as const))('%s', (_operation, auditCase) => {
  test('leaves one entry, read by the owner only', async () => {
    const setup = await auditCase.setup();
    const { id: existing, variables, readWith = {} } = setup;
    const actor = setup.actor ?? auditCase.actor!;
    const owner = setup.owner ?? auditCase.owner;
    const actorToken = await federation.token(actor, ...((auditCase.actorRoles ?? ['EDITOR']) as ['EDITOR']));
    const ownerToken = owner
      ? await federation.token(owner, ...((auditCase.ownerRoles ?? ['VIEWER']) as ['VIEWER']))
      : actorToken;
    const before = existing
      ? ((await trailOf(auditCase.read, existing, ownerToken, readWith, true))?.totalCount ?? 0)
      : 0;

    const key = randomUUID();
    const response = await federation.query<Record<string, unknown>>(
      auditCase.mutation,
      variables,
      actorToken,
      { 'idempotency-key': key },
    );
    expect(response.errors).toBeUndefined();
    const id = auditCase.idOf(response.data!);

    const trail = await trailOf(auditCase.read, id, ownerToken, readWith, true);
    expect(trail?.totalCount).toBe(before + 1);
    const entry = trail!.edges[0]!.node;
    expect(entry).toMatchObject({
      operation: auditCase.operation,
      organization: actor,
      actor: `${actor}#user`,
      entityType: auditCase.entityType,
      entityId: id,
      idempotencyKey: key,
    });
    expect(Date.parse(entry.at)).not.toBeNaN();
    const sides = {
      before: entry.before === null ? null : (JSON.parse(entry.before) as Record<string, unknown>),
      after: JSON.parse(entry.after ?? 'null') as Record<string, unknown>,
    };
    if (auditCase.before === null) expect(sides.before).toBeNull();
    else expect(sides.before).toMatchObject(auditCase.before);
    expect(sides.after).toMatchObject(auditCase.after);
    // Only what changed: an update's sides name the same fields.
    if (sides.before !== null)
      expect(Object.keys(sides.before).sort()).toEqual(Object.keys(sides.after).sort());

    const other = await federation.token(auditCase.other, 'EDITOR');
    const seenByOther = await trailOf(auditCase.read, id, other, readWith);
    // The trail is hidden, not the record: the other organization asked and got an empty page.
    if (auditCase.otherSeesRecord !== false)
      expect(seenByOther).toEqual(expect.objectContaining({ totalCount: 0 }));
    expect(seenByOther?.totalCount ?? 0).toBe(0);
    expect(seenByOther?.edges ?? []).toEqual([]);
    const seenByAnonymous = await trailOf(auditCase.read, id, undefined, readWith);
    expect(seenByAnonymous?.totalCount ?? 0).toBe(0);
    expect(seenByAnonymous?.edges ?? []).toEqual([]);
  });
});

/** Mutations refused for bad input, one or more per subgraph: none may leave an entry. */
const REFUSED: {
  name: string;
  subgraph: string;
  actor: string;
  role: string;
  mutation: string;
  variables: () => Promise<Record<string, unknown>>;
}[] = [
  {
    name: 'commitInvestment with a negative amount',
    subgraph: 'funds',
    actor: 'fund:cas-amif',
    role: 'EDITOR',
    mutation: `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
    variables: async () => ({
      input: {
        fundId: 'cas-amif',
        projectId: 'dmto-industrialization',
        stage: 'PILOT',
        instrument: 'EQUITY',
        amount: '-5.00',
        focusArea: 'advanced materials',
      },
    }),
  },
  {
    name: 'updateTechnologyDemand to TRL 12',
    subgraph: 'enterprises',
    actor: 'enterprise:levima',
    role: 'EDITOR',
    mutation: `mutation($input: UpdateTechnologyDemandInput!) { updateTechnologyDemand(input: $input) { id } }`,
    variables: async () => ({ input: { demandId: (await givenDemand(federation)).id, minTrl: 12 } }),
  },
  {
    name: 'requestBooking ending before it starts',
    subgraph: 'pilot-bases',
    actor: 'enterprise:levima',
    role: 'EDITOR',
    mutation: `mutation($input: RequestBookingInput!) { requestBooking(input: $input) { id } }`,
    variables: async () => {
      const { facility, project } = await givenBookable();
      return {
        input: {
          facilityId: facility.id,
          projectId: project.id,
          start: '2031-05-10',
          end: '2031-05-01',
          purpose: 'backwards',
        },
      };
    },
  },
  {
    name: 'setInventors whose shares do not sum to 100',
    subgraph: 'institutes',
    actor: 'institute:dicp',
    role: 'EDITOR',
    mutation: `mutation($input: SetInventorsInput!) { setInventors(input: $input) { id } }`,
    variables: async () => ({
      input: {
        achievementId: (await givenAchievement(federation)).id,
        inventors: [{ researcherId: await givenResearcher(), share: '90' }],
      },
    }),
  },
  {
    name: 'changeProjectStage with no reason',
    subgraph: 'alliance',
    actor: 'alliance:secretariat',
    role: 'SECRETARIAT',
    mutation: `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { id } }`,
    variables: async () => ({
      input: { projectId: (await givenProject(federation)).id, to: 'EVALUATION', reason: '  ' },
    }),
  },
];

test.each(REFUSED.map((r) => [r.name, r] as const))('%s leaves no audit entry', async (_name, refused) => {
  const table = `${refused.subgraph.replace(/-/g, '_')}.audit_entry`;
  const variables = await refused.variables();
  const before = await rowCount(federation, refused.subgraph, table);
  const response: GraphQLResponse = await federation.query(
    refused.mutation,
    variables,
    await federation.token(refused.actor, refused.role as 'EDITOR'),
  );
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(await rowCount(federation, refused.subgraph, table)).toBe(before);
});

describe.each(['funds', 'enterprises', 'pilot-bases', 'institutes', 'alliance'])(
  'the %s audit table',
  (subgraph) => {
    const table = `${subgraph.replace(/-/g, '_')}.audit_entry`;

    test('refuses UPDATE, DELETE and TRUNCATE through the application’s own connection', async () => {
      const db = database(federation, subgraph);
      await db.query(
        `INSERT INTO ${table} (operation, entity_type, entity_id, after) VALUES ('test', 'Test', $1, '{}')`,
        [randomUUID()],
      );
      const rows = await rowCount(federation, subgraph, table);
      await expect(db.query(`UPDATE ${table} SET operation = 'forged'`)).rejects.toThrow(
        /audit entries cannot be changed or removed/,
      );
      await expect(db.query(`DELETE FROM ${table}`)).rejects.toThrow(
        /audit entries cannot be changed or removed/,
      );
      await expect(db.query(`TRUNCATE ${table}`)).rejects.toThrow(
        /audit entries cannot be changed or removed/,
      );
      expect(await rowCount(federation, subgraph, table)).toBe(rows);
    });
  },
);

describe('reading a trail', () => {
  /** A fund with `n` investments, each made PUBLIC then MEMBERS again through the graph: two entries each. */
  async function givenAuditedFund(
    n: number,
  ): Promise<{ fundId: string; investments: string[]; token: string }> {
    const fund = await givenFund(federation);
    const token = await federation.token(`fund:${fund.id}`, 'EDITOR');
    const investments: string[] = [];
    for (let i = 0; i < n; i++) {
      const { id } = await givenInvestment(federation, {
        fundId: fund.id,
        enterpriseId: 'levima',
        amount: '1000.00',
        visibility: 'MEMBERS',
      });
      for (const visibility of ['PUBLIC', 'MEMBERS']) {
        const response = await federation.query(
          `mutation($id: ID!, $v: InvestmentVisibility!) { setInvestmentVisibility(id: $id, visibility: $v) { id } }`,
          { id, v: visibility },
          token,
        );
        expect(response.errors).toBeUndefined();
      }
      investments.push(id);
    }
    return { fundId: fund.id, investments, token };
  }

  test('pages newest first with first and after', async () => {
    const { investments, token } = await givenAuditedFund(1);
    const page = async (after: string | null) => {
      const response = await federation.query<{
        investment: {
          auditTrail: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { after: string } }[];
          };
        };
      }>(
        `query($id: ID!, $after: String) {
          investment(id: $id) {
            auditTrail(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { after } } }
          }
        }`,
        { id: investments[0], after },
        token,
      );
      expect(response.errors).toBeUndefined();
      return response.data!.investment.auditTrail;
    };
    const first = await page(null);
    expect(first.totalCount).toBe(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(JSON.parse(first.edges[0]!.node.after)).toEqual({ visibility: 'MEMBERS' });
    const second = await page(first.pageInfo.endCursor);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(JSON.parse(second.edges[0]!.node.after)).toEqual({ visibility: 'PUBLIC' });
  });

  test('a bad page size or cursor is BAD_USER_INPUT, for a caller who may not read the trail too', async () => {
    const { investments, token } = await givenAuditedFund(1);
    const other = await federation.token('fund:cas-amif', 'VIEWER');
    for (const [args, field] of [
      ['first: 0', 'first'],
      ['after: "not-a-cursor"', 'after'],
    ]) {
      for (const caller of [token, other]) {
        const response = await federation.query(
          `query($id: ID!) { investment(id: $id) { auditTrail(${args}) { totalCount } } }`,
          { id: investments[0] },
          caller,
        );
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    }
  });

  test("a list of records' trails costs the same SQL for 2 records as for 6", async () => {
    const small = await givenAuditedFund(2);
    const large = await givenAuditedFund(6);
    const query = `query($id: ID!) {
      fund(id: $id) { investments(first: 10) { id auditTrail(first: 5) { totalCount edges { node { operation } } } } }
    }`;
    const count = async ({ fundId, token }: { fundId: string; token: string }) =>
      federation.statementsDuring(async () => {
        const response = await federation.query<{ fund: { investments: { auditTrail: Trail }[] } }>(
          query,
          { id: fundId },
          token,
        );
        expect(response.errors).toBeUndefined();
        expect(response.data!.fund.investments.every((i) => i.auditTrail.totalCount === 2)).toBe(true);
      });
    expect(await count(large)).toEqual(await count(small));
  });

  test('the gateway prices a trail by its page size', async () => {
    const token = await federation.token('fund:cas-amif', 'VIEWER');
    const cheap = await federation.query(
      `{ fund(id: "cas-amif") { investments(first: 100) { auditTrail(first: 1) { edges { node { id } } } } } }`,
      {},
      token,
    );
    expect(cheap.errors).toBeUndefined();
    const costly = await federation.query(
      `{ fund(id: "cas-amif") { investments(first: 100) { auditTrail(first: 100) { edges { node { id } } } } } }`,
      {},
      token,
    );
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_COST_EXCEEDED');
  });

  test('the request id a subgraph receives is stored, bounded to 128 visible characters', async () => {
    const { investments, fundId, token } = await givenAuditedFund(1);
    const funds = federation.stack.subgraphs.get('funds')!;
    const caller: Caller = {
      subject: `fund:${fundId}#user`,
      organization: { type: 'fund', id: fundId },
      roles: ['EDITOR'],
    };
    const sent = `req ${'r'.repeat(200)}`;
    const response = await fetch(funds.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [GATEWAY_PROOF_HEADER]: await signGatewayProof(
          new TextEncoder().encode(federation.gatewaySecret),
          'funds',
          caller,
        ),
        'x-request-id': sent,
      },
      body: JSON.stringify({
        query: `mutation($id: ID!) { setInvestmentVisibility(id: $id, visibility: PUBLIC) { id } }`,
        variables: { id: investments[0] },
      }),
    });
    expect(response.status).toBe(200);
    const trail = await federation.query<{ investment: { auditTrail: Trail } }>(
      `query($id: ID!) { investment(id: $id) { ${TRAIL} } }`,
      { id: investments[0] },
      token,
    );
    const newest = trail.data!.investment.auditTrail.edges[0]!.node;
    expect(newest.requestId).toBe(sent.replace(' ', '').slice(0, 128));
    expect(newest.idempotencyKey).toBeNull();
  });
});

test('a replay with the same Idempotency-Key writes nothing, so no second entry', async () => {
  const fund = await givenFund(federation, { size: '5000000.00' });
  const token = await federation.token(`fund:${fund.id}`, 'EDITOR');
  const key = randomUUID();
  const commit = () =>
    federation.query<{ commitInvestment: { id: string } }>(
      `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
      {
        input: {
          fundId: fund.id,
          enterpriseId: 'levima',
          stage: 'GROWTH',
          instrument: 'EQUITY',
          amount: '1000.00',
          focusArea: 'advanced materials',
        },
      },
      token,
      { 'idempotency-key': key },
    );
  const first = await commit();
  const replay = await commit();
  expect(replay.data).toEqual(first.data);
  const trail = await federation.query<{ investment: { auditTrail: Trail } }>(
    `query($id: ID!) { investment(id: $id) { ${TRAIL} } }`,
    { id: first.data!.commitInvestment.id },
    token,
  );
  expect(trail.data!.investment.auditTrail.totalCount).toBe(1);
  expect(trail.data!.investment.auditTrail.edges[0]?.node.idempotencyKey).toBe(key);
});

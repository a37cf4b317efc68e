import type { DataSource } from 'typeorm';
import {
  AgreementPartyEntity,
  AgreementVersionEntity,
  BenefitAgreementEntity,
} from './agreements/benefit-agreement.entity';
import { RiskContributionEntity, RiskPoolEntity } from './agreements/risk.entity';
import { ExpertEntity } from './experts/expert.entity';
import { ExpertReviewEntity, type Recommendation } from './experts/expert-review.entity';
import { MemberEntity, type MemberRole } from './members/member.entity';
import { ProjectEntity, type ProjectStage } from './projects/project.entity';
import { StageChangeEntity } from './projects/stage-change.entity';
import { insertMissing } from '../../shared/seed-rows';
import { seedAlliances } from './alliances/seed';
import { consortiumHistory, consortiumProjects } from './alliances/consortium-projects';
import { FIRST_ALLIANCE } from './alliances/alliance.entity';
import type { OrganizationKind } from './organizations';

/**
 * The alliance's demo data, from the articles (../shared/seeds):
 * - founded in Tengzhou on 10 January 2018 ("the 5th day after the Slight Cold") with 16
 *   governing units: Levima Advanced Materials as chairman unit, 14 CAS institutes and
 *   enterprises (four of them named: DICP, CIAC, Chengdu Organic Chemicals, Guangzhou
 *   Chemical) and Sinopec Guangzhou Engineering specially invited; 22 governing units a
 *   year and a half later;
 * - a technical expert committee that docked and analysed 47 projects, 3 of which are
 *   planned to enter pilot or industrialization; DMTO industrialized at Levima.
 * The articles give counts, not names: the unnamed governing units, the later joining
 * dates, the experts, the 45 other projects, their stages, reviews and the DMTO benefit
 * agreement are illustrative and flagged so.
 */

const FOUNDED = '2018-01-10';

function day(date: string, plusDays = 0): Date {
  return new Date(Date.parse(`${date}T08:00:00.000Z`) + plusDays * 86_400_000);
}

// --- Members ---

type MemberSeed = Omit<MemberEntity, 'status' | 'leftOn' | 'createdAt' | 'updatedAt'>;

function member(
  id: string,
  organization: [OrganizationKind, string] | null,
  role: MemberRole,
  joinedOn: string,
  illustrative: boolean,
  registeredName: string | null = null,
): MemberSeed {
  return {
    id,
    allianceId: FIRST_ALLIANCE,
    organizationType: organization?.[0] ?? null,
    organizationId: organization?.[1] ?? null,
    registeredName,
    role,
    joinedOn,
    illustrative,
  };
}

const unnamedFounders = Array.from({ length: 10 }, (_, i) => {
  const n = String(i + 5).padStart(2, '0');
  return member(
    `member-founding-unit-${n}`,
    null,
    'GOVERNING_UNIT',
    FOUNDED,
    true,
    `Founding governing unit ${n} (a CAS institute or enterprise the articles do not name)`,
  );
});

/** Joined between the founding and mid-2019, reaching 22 governing units (dates illustrative). */
const laterDates = ['2018-06-20', '2018-11-08', '2019-01-15', '2019-03-28', '2019-06-18'];
const unnamedLater = laterDates.map((date, i) => {
  const n = String(i + 18).padStart(2, '0');
  return member(
    `member-governing-unit-${n}`,
    null,
    'GOVERNING_UNIT',
    date,
    true,
    `Governing unit ${n}, admitted ${date.slice(0, 7)} (name not in the articles)`,
  );
});

export const demoMembers: MemberSeed[] = [
  member('member-levima', ['enterprise', 'levima'], 'CHAIRMAN_UNIT', FOUNDED, false),
  member('member-dicp', ['institute', 'dicp'], 'GOVERNING_UNIT', FOUNDED, false),
  member('member-ciac', ['institute', 'ciac'], 'GOVERNING_UNIT', FOUNDED, false),
  member(
    'member-chengdu-organic-chemicals',
    ['enterprise', 'chengdu-organic-chemicals'],
    'GOVERNING_UNIT',
    FOUNDED,
    false,
  ),
  member('member-guangzhou-chemical', ['enterprise', 'guangzhou-chemical'], 'GOVERNING_UNIT', FOUNDED, false),
  member(
    'member-sinopec-guangzhou-engineering',
    ['enterprise', 'sinopec-guangzhou-engineering'],
    'SPECIALLY_INVITED',
    FOUNDED,
    false,
  ),
  ...unnamedFounders,
  member('member-iccas', ['institute', 'iccas'], 'GOVERNING_UNIT', '2018-09-15', true),
  ...unnamedLater,
  member('member-tengzhou', ['pilot-base', 'tengzhou'], 'MEMBER', FOUNDED, true),
  member('member-cas-amif', ['fund', 'cas-amif'], 'MEMBER', '2019-07-08', true),
];

// --- The CAS alliance's technical expert committee (the consortium's is in alliances/seed.ts) ---

export const demoExperts: Omit<ExpertEntity, 'createdAt'>[] = [
  {
    id: 'expert-chen',
    allianceId: FIRST_ALLIANCE,
    subject: 'expert:chen',
    name: 'Chen Wei (illustrative)',
    title: 'Professor',
    fields: ['catalysis', 'coal chemistry'],
    affiliationType: 'institute',
    affiliationId: 'dicp',
    illustrative: true,
  },
  {
    id: 'expert-liu',
    allianceId: FIRST_ALLIANCE,
    subject: 'expert:liu',
    name: 'Liu Fang (illustrative)',
    title: 'Senior engineer',
    fields: ['process engineering', 'petrochemical plants'],
    affiliationType: 'enterprise',
    affiliationId: 'sinopec-guangzhou-engineering',
    illustrative: true,
  },
  {
    id: 'expert-sun',
    allianceId: FIRST_ALLIANCE,
    subject: 'expert:sun',
    name: 'Sun Hui (illustrative)',
    title: 'Senior engineer',
    fields: ['fine chemicals', 'pharmaceutical intermediates'],
    affiliationType: null,
    affiliationId: null,
    illustrative: true,
  },
  {
    id: 'expert-wang',
    allianceId: FIRST_ALLIANCE,
    subject: 'expert:wang',
    name: 'Wang Lei (illustrative)',
    title: 'Investment director',
    fields: ['technology finance', 'market analysis'],
    affiliationType: null,
    affiliationId: null,
    illustrative: true,
  },
  {
    id: 'expert-zhao',
    allianceId: FIRST_ALLIANCE,
    subject: 'expert:zhao',
    name: 'Zhao Min (illustrative)',
    title: 'Professor',
    fields: ['polymer chemistry', 'degradable materials'],
    affiliationType: 'institute',
    affiliationId: 'iccas',
    illustrative: true,
  },
];

// --- Projects ---

/** DMTO at Levima (in the articles) and one illustrative docking, as before. */
export const demoProjects: ProjectEntity[] = [
  {
    id: 'dmto-industrialization',
    allianceId: FIRST_ALLIANCE,
    code: 'AMA-2018-001',
    title: 'DMTO industrialization at Levima Advanced Materials',
    summary:
      "Dalian Institute of Chemical Physics' methanol-to-olefins technology, industrialized by Levima in Tengzhou and extended to high-end polyolefins, cable EVA and photovoltaic film materials.",
    stage: 'INDUSTRIALIZATION',
    keyProject: true,
    achievementId: 'dmto',
    leadEnterpriseId: 'levima',
    keyProjectKind: null,
    illustrative: false,
    createdAt: day(FOUNDED),
    updatedAt: day(FOUNDED),
  },
  {
    id: 'ppc-degradable-packaging',
    allianceId: FIRST_ALLIANCE,
    code: 'AMA-2019-014',
    title: 'Degradable packaging film from CO2-based polycarbonate (illustrative)',
    summary: "Illustrative: docking CIAC's CO2-based polycarbonate with Levima's packaging-film market.",
    stage: 'DOCKING',
    keyProject: false,
    achievementId: 'ciac-ppc',
    leadEnterpriseId: 'levima',
    keyProjectKind: null,
    illustrative: true,
    createdAt: day('2019-06-20'),
    updatedAt: day('2019-06-20'),
  },
];

const history: Omit<StageChangeEntity, 'seq'>[] = [
  {
    projectId: 'dmto-industrialization',
    from: null,
    to: 'INDUSTRIALIZATION',
    by: 'secretariat',
    at: day(FOUNDED),
    reason: 'Recorded at the founding of the alliance: DMTO is industrialized at Levima',
  },
  {
    projectId: 'ppc-degradable-packaging',
    from: null,
    to: 'DOCKING',
    by: 'secretariat',
    at: day('2019-06-20'),
    reason: 'Docked an achievement with an enterprise',
  },
];

const reviews: Omit<ExpertReviewEntity, 'submittedAt'>[] = [];
const reviewDates = new Map<string, Date>();

const APPLICATIONS = [
  'agricultural mulch film',
  'food-contact packaging film',
  'express-delivery bags',
  'shopping bags',
  'medical disposables',
  'foam insulation boards',
  'hot-melt adhesives',
  'waterborne coatings',
  '3D-printing filament',
  'paper coating',
  'nonwoven fibres',
  'rigid food trays',
  'seedling pots',
  'cable sheathing compound',
  'polylactic-acid blends',
];

const ENTERPRISES = [
  { id: 'chengdu-organic-chemicals', slug: 'chengdu', name: 'Chengdu Organic Chemicals' },
  { id: 'guangzhou-chemical', slug: 'guangzhou', name: 'Guangzhou Chemical' },
  { id: 'sinopec-guangzhou-engineering', slug: 'sinopec-ge', name: 'Sinopec Guangzhou Engineering' },
];

/**
 * Where each of the 45 illustrative projects went, by index: 2 in PILOT (with DMTO the 3
 * "planned to enter the pilot or industrialization stage"), 3 in PROOF_OF_CONCEPT, 6 in
 * EVALUATION, 3 on hold, 4 terminated, 27 still docking.
 */
type Plan = { path: ProjectStage[]; reviews?: [string, Recommendation][] };
const PLANS: Plan[] = [
  ...Array<Plan>(2).fill({
    path: ['EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT'],
    reviews: [
      ['expert-wang', 'ADVANCE'],
      ['expert-zhao', 'ADVANCE'],
    ],
  }),
  ...Array<Plan>(3).fill({ path: ['EVALUATION', 'PROOF_OF_CONCEPT'], reviews: [['expert-wang', 'ADVANCE']] }),
  ...Array<Plan>(2).fill({ path: ['EVALUATION'], reviews: [['expert-sun', 'ADVANCE']] }),
  { path: ['EVALUATION'], reviews: [['expert-wang', 'HOLD']] },
  ...Array<Plan>(3).fill({ path: ['EVALUATION'] }),
  ...Array<Plan>(2).fill({ path: ['EVALUATION', 'ON_HOLD'], reviews: [['expert-sun', 'HOLD']] }),
  { path: ['ON_HOLD'] },
  ...Array<Plan>(2).fill({ path: ['EVALUATION', 'TERMINATED'], reviews: [['expert-wang', 'REJECT']] }),
  ...Array<Plan>(2).fill({ path: ['TERMINATED'] }),
  ...Array<Plan>(27).fill({ path: [] }),
];

const REASONS: Partial<Record<ProjectStage, string>> = {
  EVALUATION: 'Docking analysis done; referred to the technical expert committee',
  PROOF_OF_CONCEPT: 'The committee recommends advancing',
  PILOT: 'Proof of concept met its targets; pilot run planned',
  ON_HOLD: 'Waiting for the enterprise to confirm its budget',
  TERMINATED: 'No market fit found',
};

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const codeCounters = new Map<string, number>([['2018', 1]]);
function nextCode(year: string): string {
  let n = (codeCounters.get(year) ?? 0) + 1;
  if (year === '2019' && n === 14) n += 1; // AMA-2019-014 is the CIAC packaging-film docking above
  codeCounters.set(year, n);
  return `AMA-${year}-${String(n).padStart(3, '0')}`;
}

PLANS.forEach((plan, i) => {
  const application = APPLICATIONS[i % APPLICATIONS.length];
  const enterprise = ENTERPRISES[Math.floor(i / APPLICATIONS.length)];
  if (application === undefined || enterprise === undefined)
    throw new Error(`Plan ${i} has no project to describe: PLANS outgrew APPLICATIONS × ENTERPRISES`);
  const id = `ppc-${slug(application)}-${enterprise.slug}`;
  const created = day('2018-02-01', i * 10);
  const steps = plan.path.map((to, step) => ({ to, at: day('2018-02-01', i * 10 + 30 * (step + 1)) }));
  const stage = steps.at(-1)?.to ?? 'DOCKING';
  const updated = steps.at(-1)?.at ?? created;
  demoProjects.push({
    id,
    allianceId: FIRST_ALLIANCE,
    code: nextCode(String(created.getUTCFullYear())),
    title: `CO2-based polycarbonate ${application} with ${enterprise.name} (illustrative)`,
    summary: `Illustrative: one of the 47 projects the technical expert committee docked; CIAC's CO2-based polycarbonate for ${application}.`,
    stage,
    keyProject: stage === 'PILOT',
    achievementId: 'ciac-ppc',
    leadEnterpriseId: enterprise.id,
    keyProjectKind: null,
    illustrative: true,
    createdAt: created,
    updatedAt: updated,
  });
  history.push({
    projectId: id,
    from: null,
    to: 'DOCKING',
    by: 'secretariat',
    at: created,
    reason: 'Docked an achievement with an enterprise',
  });
  let from: ProjectStage = 'DOCKING';
  for (const { to, at } of steps) {
    history.push({ projectId: id, from, to, by: 'secretariat', at, reason: REASONS[to]! });
    from = to;
  }
  const evaluationStart = steps.find((s) => s.to === 'EVALUATION')?.at;
  (plan.reviews ?? []).forEach(([expertId, recommendation], r) => {
    const reviewId = `review-${id}-${expertId}`;
    reviews.push({
      id: reviewId,
      projectId: id,
      expertId,
      stage: 'EVALUATION',
      technicalMaturity: 3 + ((i + r) % 3),
      marketDemand: recommendation === 'REJECT' ? 1 : 3 + (i % 2),
      strategicFit: 4,
      team: recommendation === 'ADVANCE' ? 4 : 3,
      recommendation,
      comments: `Illustrative ${recommendation.toLowerCase()} recommendation after the committee's docking analysis.`,
      illustrative: true,
    });
    reviewDates.set(reviewId, new Date(evaluationStart!.getTime() + (10 + r) * 86_400_000));
  });
});

// --- The DMTO benefit agreement (illustrative terms) ---

const DMTO_AGREEMENT = 'agreement-dmto';

const dmtoAgreementParties: Omit<AgreementPartyEntity, 'agreementId' | 'version'>[] = [
  { position: 0, partyType: 'institute', partyId: 'dicp', role: 'INSTITUTE', shareParts: '8' },
  { position: 1, partyType: 'enterprise', partyId: 'levima', role: 'OPERATOR', shareParts: '9' },
  { position: 2, partyType: 'fund', partyId: 'cas-amif', role: 'INVESTOR', shareParts: '3' },
];

/**
 * Illustrative: how DICP, Levima and the CAS fund might share the costs and losses of
 * building the DMTO plant (the articles give no figures), in full: 60 million yuan.
 */
const dmtoRiskPool: RiskPoolEntity = {
  agreementId: DMTO_AGREEMENT,
  stage: 'INDUSTRIALIZATION',
  budget: '60000000.00',
  committed: '0.00',
  currency: 'CNY',
  openedBy: 'secretariat',
  openedAt: day('2019-09-02'),
  illustrative: true,
};

type RiskContributionRow = [
  partyId: string,
  partyType: RiskContributionEntity['partyType'],
  kind: RiskContributionEntity['kind'],
  amount: string,
  description: string,
];
const dmtoRiskContributions: RiskContributionEntity[] = (
  [
    ['levima', 'enterprise', 'MONEY', '36000000.00', 'Construction cost overruns of the DMTO unit'],
    [
      'dicp',
      'institute',
      'IN_KIND',
      '6000000.00',
      'Process package updates and engineers on site during start-up',
    ],
    ['cas-amif', 'fund', 'MONEY', '18000000.00', 'Losses of the first year of operation'],
  ] satisfies RiskContributionRow[]
).map(([partyId, partyType, kind, amount, description], i) => ({
  id: `risk-dmto-${partyId}`,
  agreementId: DMTO_AGREEMENT,
  stage: 'INDUSTRIALIZATION' as const,
  partyType,
  partyId,
  kind,
  amount,
  description,
  committedBy: 'secretariat',
  committedAt: day('2019-09-02', i),
  illustrative: true,
}));

/** Inserts the demo rows that are missing; existing rows (and edits to them) are kept. */
export async function seedDemoData(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await seedAlliances(tx);
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(ProjectEntity)
      .values([...demoProjects, ...consortiumProjects])
      .orIgnore()
      .returning(['id'])
      .execute();
    const fresh = new Set((inserted.raw as { id: string }[]).map((r) => r.id));
    const missing = [...history, ...consortiumHistory].filter((h) => fresh.has(h.projectId));
    if (missing.length)
      await tx
        .createQueryBuilder()
        .insert()
        .into(StageChangeEntity)
        .values(missing.map((h) => ({ ...h })))
        .execute();

    await insertMissing(
      tx,
      MemberEntity,
      demoMembers.map((m) => ({
        ...m,
        status: 'ACTIVE' as const,
        leftOn: null,
        createdAt: day(m.joinedOn),
        updatedAt: day(m.joinedOn),
      })),
    );
    await insertMissing(
      tx,
      ExpertEntity,
      demoExperts.map((e) => ({ ...e, createdAt: day(FOUNDED) })),
    );
    await insertMissing(
      tx,
      ExpertReviewEntity,
      reviews.map((r) => ({ ...r, submittedAt: reviewDates.get(r.id)! })),
    );

    await insertMissing(tx, BenefitAgreementEntity, [
      {
        id: DMTO_AGREEMENT,
        projectId: 'dmto-industrialization',
        currentVersion: 1,
        illustrative: true,
        createdAt: day('2019-09-01'),
        updatedAt: day('2019-09-01'),
      },
    ]);
    await insertMissing(tx, AgreementVersionEntity, [
      {
        agreementId: DMTO_AGREEMENT,
        version: 1,
        ipTerms:
          'Illustrative: DICP keeps the DMTO patents and licenses them exclusively to Levima for the Tengzhou plant; improvements Levima makes are owned jointly by DICP and Levima.',
        signedOn: '2019-09-01',
        shareDenominator: '20',
        reason: 'Signed by the parties',
        recordedBy: 'secretariat',
        recordedAt: day('2019-09-01'),
      },
    ]);
    await insertMissing(
      tx,
      AgreementPartyEntity,
      dmtoAgreementParties.map((p) => ({ ...p, agreementId: DMTO_AGREEMENT, version: 1 })),
    );
    // The pool's sum is the database's to keep: the trigger adds each new contribution.
    await insertMissing(tx, RiskPoolEntity, [dmtoRiskPool]);
    await insertMissing(tx, RiskContributionEntity, dmtoRiskContributions);
  });
}

import type { EntityManager } from 'typeorm';
import { insertMissing } from '../../../shared/seed-rows';
import { ExpertEntity } from '../experts/expert.entity';
import { MemberEntity, type MemberRole } from '../members/member.entity';
import type { OrganizationKind } from '../organizations';
import { AllianceEntity, AllianceGoalEntity } from './alliance.entity';

/**
 * The other bodies of the articles (../shared/seeds), beside the CAS Advanced Materials
 * Alliance, which the alliances migration records (the graph's first alliance):
 * - article 004: the Central Enterprises Science and Technology Achievements
 *   Industrialization Consortium, founded in Beijing on 30 May, guided by SASAC and led by
 *   the National Energy Group; its core members are the central SOEs (the article names
 *   China Telecom and CNPC), its partners research institutions and universities (CAS,
 *   Tsinghua, Peking University). Its "ten–hundred–thousand–trillion" targets and its aims
 *   for 2026, 2028 and 2030 are its goals. The article gives no year: 2025 is read from its
 *   goals (a platform "by 2026" in the short term), so the date is marked illustrative.
 * - article 003: the China Coating Industry Technological Innovation Strategic Alliance,
 *   announced in Jinan on 29 August 2012, founded by 22 coating enterprises and institutes,
 *   two of them named (Tianjin Lighthouse Coating Group, Shandong Pentium Paint); the other
 *   20 are unnamed and illustrative. It states no figures to aim at.
 * DICP, a CAS institute and a member of the CAS alliance, is recorded as a consortium
 * partner too (illustrative: the article names CAS as a whole), so one organization of the
 * graph shows two memberships.
 * Each alliance has its own technical expert committee (issue #17); the article names none
 * of the consortium's experts, so its committee is two illustrative experts named by what
 * they cover, not people. The coating alliance's committee is empty.
 */
export const CONSORTIUM = 'central-soe-consortium';
export const COATING = 'china-coating-alliance';

export const demoAlliances: AllianceEntity[] = [
  {
    id: CONSORTIUM,
    name: 'Central Enterprises Science and Technology Achievements Industrialization Consortium',
    nameZh: '中央企业科技成果产业化联合体',
    kind: 'INDUSTRIALIZATION_CONSORTIUM',
    foundedOn: '2025-05-30',
    foundedIn: 'Beijing',
    secretariat: CONSORTIUM,
    summary:
      'Guided by SASAC and led by the National Energy Group with all central SOEs, research institutions, universities and private firms, it brings achievements the "last mile" from laboratory to factory through one-stop services, shared facilities, pilot and proof-of-concept projects.',
    illustrative: true,
  },
  {
    id: COATING,
    name: 'China Coating Industry Technological Innovation Strategic Alliance',
    nameZh: '中国涂料产业技术创新战略联盟',
    kind: 'TECHNOLOGY_INNOVATION_ALLIANCE',
    foundedOn: '2012-08-29',
    foundedIn: 'Jinan, Shandong',
    secretariat: COATING,
    summary:
      'Founded by 22 coating enterprises and institutes to end low-end products and disorderly competition and lead the coating industry towards high technology and green, environmentally friendly products.',
    illustrative: false,
  },
];

type Goal = Omit<AllianceGoalEntity, 'position'>;

const measured = (
  allianceId: string,
  label: string,
  measure: NonNullable<Goal['measure']>,
  target: string,
  unit: string,
  deadline: string | null = null,
): Goal => ({ allianceId, label, measure, target, unit, deadline });

const aim = (allianceId: string, label: string, deadline: string): Goal => ({
  allianceId,
  label,
  measure: null,
  target: null,
  unit: null,
  deadline,
});

/** Each alliance's goals, in the order it set them (positions follow). */
const goals: Goal[] = [
  // The CAS alliance's milestones (articles 000 and 001): 16 governing units at founding,
  // 22 a year and a half later; 47 projects docked and analysed, 3 of them bound for pilot.
  measured(
    'cas-advanced-materials',
    'Grow the governing council from 16 founding units to 22',
    'GOVERNING_UNITS',
    '22',
    'governing units',
    '2019-07-10',
  ),
  measured(
    'cas-advanced-materials',
    'Dock and analyse 47 projects through the technical expert committee',
    'DOCKED_PROJECTS',
    '47',
    'projects',
  ),
  measured(
    'cas-advanced-materials',
    'Bring 3 projects into pilot or industrialization',
    'PILOT_PROJECTS',
    '3',
    'projects',
  ),
  measured(CONSORTIUM, 'Develop 10 key projects', 'KEY_PROJECTS', '10', 'projects'),
  measured(CONSORTIUM, 'Attract 100 central SOEs', 'MEMBERS', '100', 'members'),
  measured(CONSORTIUM, 'Implement 1,000 transformation projects', 'DOCKED_PROJECTS', '1000', 'projects'),
  measured(
    CONSORTIUM,
    'Reach a transaction volume of one trillion yuan',
    'TRANSACTION_VOLUME',
    '1000000000000',
    'CNY',
  ),
  aim(
    CONSORTIUM,
    'A working platform with a digital system for finding innovations and partners',
    '2026-12-31',
  ),
  aim(CONSORTIUM, 'The leading market for transforming achievements in China', '2028-12-31'),
  aim(
    CONSORTIUM,
    'A world-class innovation platform with global influence and transaction volume',
    '2030-12-31',
  ),
];

export const demoGoals: AllianceGoalEntity[] = goals.map((goal, i) => ({
  ...goal,
  position: goals.slice(0, i).filter((g) => g.allianceId === goal.allianceId).length + 1,
}));

type OtherMember = Pick<
  MemberEntity,
  | 'id'
  | 'allianceId'
  | 'organizationType'
  | 'organizationId'
  | 'registeredName'
  | 'role'
  | 'joinedOn'
  | 'illustrative'
>;

function registered(
  id: string,
  allianceId: string,
  name: string,
  role: MemberRole,
  joinedOn: string,
  illustrative: boolean,
): OtherMember {
  return {
    id,
    allianceId,
    organizationType: null,
    organizationId: null,
    registeredName: name,
    role,
    joinedOn,
    illustrative,
  };
}

function organization(
  id: string,
  allianceId: string,
  [type, organizationId]: [OrganizationKind, string],
  role: MemberRole,
  joinedOn: string,
  illustrative: boolean,
): OtherMember {
  return {
    id,
    allianceId,
    organizationType: type,
    organizationId,
    registeredName: null,
    role,
    joinedOn,
    illustrative,
  };
}

const CONSORTIUM_FOUNDED = '2025-05-30';
const COATING_FOUNDED = '2012-08-29';

export const otherAlliancesMembers: OtherMember[] = [
  organization(
    'consortium-national-energy-group',
    CONSORTIUM,
    ['enterprise', 'national-energy-group'],
    'CHAIRMAN_UNIT',
    CONSORTIUM_FOUNDED,
    false,
  ),
  organization(
    'consortium-china-telecom',
    CONSORTIUM,
    ['enterprise', 'china-telecom'],
    'MEMBER',
    CONSORTIUM_FOUNDED,
    false,
  ),
  organization('consortium-cnpc', CONSORTIUM, ['enterprise', 'cnpc'], 'MEMBER', CONSORTIUM_FOUNDED, false),
  registered(
    'consortium-cas',
    CONSORTIUM,
    'Chinese Academy of Sciences',
    'PARTNER',
    CONSORTIUM_FOUNDED,
    false,
  ),
  registered('consortium-tsinghua', CONSORTIUM, 'Tsinghua University', 'PARTNER', CONSORTIUM_FOUNDED, false),
  registered(
    'consortium-peking-university',
    CONSORTIUM,
    'Peking University',
    'PARTNER',
    CONSORTIUM_FOUNDED,
    false,
  ),
  organization('consortium-dicp', CONSORTIUM, ['institute', 'dicp'], 'PARTNER', CONSORTIUM_FOUNDED, true),
  registered(
    'coating-tianjin-lighthouse',
    COATING,
    'Tianjin Lighthouse Coating Group',
    'MEMBER',
    COATING_FOUNDED,
    false,
  ),
  registered(
    'coating-shandong-pentium',
    COATING,
    'Shandong Pentium Paint Co., Ltd.',
    'MEMBER',
    COATING_FOUNDED,
    false,
  ),
  ...Array.from({ length: 20 }, (_, i) => {
    const n = String(i + 3).padStart(2, '0');
    return registered(
      `coating-founding-member-${n}`,
      COATING,
      `Founding member ${n} (a coating enterprise or institute the article does not name)`,
      'MEMBER',
      COATING_FOUNDED,
      true,
    );
  }),
];

/** The consortium's technical expert committee: illustrative, role-like names, no affiliation. */
export const otherAlliancesExperts: ExpertEntity[] = [
  {
    id: 'consortium-expert-new-energy',
    allianceId: CONSORTIUM,
    subject: 'expert:consortium-new-energy',
    name: 'Consortium expert (new energy)',
    title: null,
    fields: ['new energy', 'coal chemistry'],
    affiliationType: null,
    affiliationId: null,
    illustrative: true,
    createdAt: new Date(`${CONSORTIUM_FOUNDED}T08:00:00.000Z`),
  },
  {
    id: 'consortium-expert-digital-industry',
    allianceId: CONSORTIUM,
    subject: 'expert:consortium-digital-industry',
    name: 'Consortium expert (industrial digitalization)',
    title: null,
    fields: ['industrial digitalization', 'technology transfer'],
    affiliationType: null,
    affiliationId: null,
    illustrative: true,
    createdAt: new Date(`${CONSORTIUM_FOUNDED}T08:00:00.000Z`),
  },
];

/**
 * Inserts the other alliances, every alliance's goals, the other registers and the other
 * committees where missing.
 */
export async function seedAlliances(tx: EntityManager): Promise<void> {
  await insertMissing(tx, AllianceEntity, demoAlliances);
  await insertMissing(tx, AllianceGoalEntity, demoGoals);
  await insertMissing(tx, ExpertEntity, otherAlliancesExperts);
  await insertMissing(
    tx,
    MemberEntity,
    otherAlliancesMembers.map((m) => ({
      ...m,
      status: 'ACTIVE' as const,
      leftOn: null,
      createdAt: new Date(`${m.joinedOn}T08:00:00.000Z`),
      updatedAt: new Date(`${m.joinedOn}T08:00:00.000Z`),
    })),
  );
}

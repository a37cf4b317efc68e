import type { DataSource } from 'typeorm';
import { AchievementEntity } from './entities/achievement.entity';
import { InstituteEntity } from './entities/institute.entity';
import { InventorEntity } from './entities/inventor.entity';
import { PatentEntity } from './entities/patent.entity';
import { ResearcherEntity } from './entities/researcher.entity';
import { TrlChangeEntity } from './entities/trl-change.entity';

/**
 * The institutes and achievements named in the articles (../shared/seeds), with the
 * illustrative ones flagged. Ids are stable so the README's examples keep working.
 *
 * The articles name DMTO (DICP, national technological invention award, first prize, 2014)
 * and the needs of the industry: photovoltaic adhesive film, cable EVA, degradable
 * materials, high-end photoresist, silicon-based materials, semiconductor packaging
 * materials. The other achievements, all researchers, inventor shares and patents are
 * illustrative, there so that search and matching have something to find.
 */
export const demoInstitutes: InstituteEntity[] = [
  {
    id: 'dicp',
    name: 'Dalian Institute of Chemical Physics',
    nameZh: '中国科学院大连化学物理研究所',
    shortName: 'DICP',
    parentOrganization: 'Chinese Academy of Sciences',
    city: 'Dalian',
    province: 'Liaoning',
    fields: ['catalysis', 'coal chemistry', 'methanol to olefins', 'energy materials'],
    website: 'http://www.dicp.ac.cn',
    illustrative: false,
  },
  {
    id: 'ciac',
    name: 'Changchun Institute of Applied Chemistry',
    nameZh: '中国科学院长春应用化学研究所',
    shortName: 'CIAC',
    parentOrganization: 'Chinese Academy of Sciences',
    city: 'Changchun',
    province: 'Jilin',
    fields: [
      'polymer materials',
      'degradable materials',
      'rare earth chemistry',
      'electroanalytical chemistry',
    ],
    website: 'http://www.ciac.ac.cn',
    illustrative: false,
  },
  {
    id: 'iccas',
    name: 'Institute of Chemistry, Chinese Academy of Sciences',
    nameZh: '中国科学院化学研究所',
    shortName: 'ICCAS',
    parentOrganization: 'Chinese Academy of Sciences',
    city: 'Beijing',
    province: 'Beijing',
    fields: [
      'photoresist',
      'silicon-based materials',
      'semiconductor packaging materials',
      'polymer chemistry',
    ],
    website: 'http://www.iccas.ac.cn',
    illustrative: false,
  },
];

type DemoAchievement = Omit<AchievementEntity, 'updatedAt'>;

export const demoAchievements: DemoAchievement[] = [
  {
    id: 'dmto',
    instituteId: 'dicp',
    title: 'DMTO: Dalian methanol-to-olefins technology',
    titleZh: 'DMTO：甲醇制烯烃技术',
    summary:
      'Converts methanol into ethylene and propylene for deep processing into high-end materials; industrialized by Levima Advanced Materials in Tengzhou, where the DMTO unit is the heart of the base.',
    ipcCodes: ['C07C 1/20', 'C07C 11/04', 'C07C 11/06'],
    keywords: ['methanol', 'olefins', 'ethylene', 'propylene', 'catalysis'],
    trl: 9,
    trlChangedOn: '2018-01-10',
    trlNote: 'Industrialized: the DMTO unit is the heart of the Levima base in Tengzhou.',
    developmentStatus: 'INDUSTRIALIZED',
    visibility: 'PUBLIC',
    awards: [{ name: 'National Technological Invention Award', grade: 'First prize', year: 2014 }],
    illustrative: false,
    createdAt: new Date('2018-01-10T08:00:00.000Z'),
  },
  {
    id: 'ciac-ppc',
    instituteId: 'ciac',
    title: 'Carbon-dioxide-based biodegradable polycarbonate (illustrative)',
    titleZh: '二氧化碳基生物降解聚碳酸酯',
    summary:
      'Illustrative: a degradable polymer from CO2 and epoxides for films and packaging, at pilot scale.',
    ipcCodes: ['C08G 64/34'],
    keywords: ['degradable materials', 'polycarbonate', 'packaging', 'film'],
    trl: 6,
    trlChangedOn: '2019-03-01',
    trlNote: 'Illustrative: pilot line in operation.',
    developmentStatus: 'PILOT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2019-03-01T08:00:00.000Z'),
  },
  {
    id: 'iccas-photoresist',
    instituteId: 'iccas',
    title: 'High-end photoresist resins (illustrative)',
    titleZh: '高端光刻胶树脂',
    summary:
      'Illustrative: photoresist resins for semiconductor lithography, one of the "neck-stuck" areas the symposium named.',
    ipcCodes: ['G03F 7/004'],
    keywords: ['photoresist', 'semiconductor', 'lithography'],
    trl: 5,
    trlChangedOn: '2019-07-05',
    trlNote: 'Illustrative: validated on a customer lithography line.',
    developmentStatus: 'PROOF_OF_CONCEPT',
    visibility: 'MEMBERS',
    awards: [],
    illustrative: true,
    createdAt: new Date('2019-07-05T08:00:00.000Z'),
  },
  {
    id: 'dicp-sapo34-catalyst',
    instituteId: 'dicp',
    title: 'SAPO-34 catalyst for methanol-to-olefins (illustrative)',
    titleZh: '甲醇制烯烃SAPO-34催化剂',
    summary:
      'Illustrative: a next-generation SAPO-34 molecular sieve catalyst with higher ethylene and propylene selectivity for DMTO units.',
    ipcCodes: ['B01J 29/85', 'C07C 1/20'],
    keywords: ['catalyst', 'sapo-34', 'methanol', 'olefins'],
    trl: 8,
    trlChangedOn: '2019-05-10',
    trlNote: 'Illustrative: qualified in an industrial DMTO unit.',
    developmentStatus: 'DEMONSTRATION',
    visibility: 'CONFIDENTIAL',
    awards: [],
    illustrative: true,
    createdAt: new Date('2019-05-10T08:00:00.000Z'),
  },
  {
    id: 'ciac-pla-tableware',
    instituteId: 'ciac',
    title: 'Heat-resistant polylactic acid for disposable tableware (illustrative)',
    titleZh: '一次性餐具用耐热聚乳酸',
    summary:
      'Illustrative: a nucleated polylactic acid that keeps its shape in hot drinks, for degradable lunch boxes and cups.',
    ipcCodes: ['C08L 67/04', 'B65D 65/46'],
    keywords: ['degradable materials', 'polylactic acid', 'packaging', 'tableware'],
    trl: 7,
    trlChangedOn: '2019-10-08',
    trlNote: 'Illustrative: demonstration line with a tableware maker.',
    developmentStatus: 'DEMONSTRATION',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2019-10-08T08:00:00.000Z'),
  },
  {
    id: 'ciac-halogen-free-cable',
    instituteId: 'ciac',
    title: 'Halogen-free flame-retardant EVA cable compound (illustrative)',
    titleZh: '无卤阻燃EVA电缆料',
    summary:
      'Illustrative: a phosphorus-based flame retardant system for EVA cable sheathing that passes the vertical burning test without halogens.',
    ipcCodes: ['C08L 23/08', 'C08K 5/5313', 'H01B 3/44'],
    keywords: ['cable', 'eva', 'flame retardant', 'halogen-free'],
    trl: 6,
    trlChangedOn: '2020-01-20',
    trlNote: 'Illustrative: pilot batches extruded by a cable maker.',
    developmentStatus: 'PILOT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2020-01-20T08:00:00.000Z'),
  },
  {
    id: 'ciac-pv-encapsulant',
    instituteId: 'ciac',
    title: 'POE photovoltaic encapsulant film with anti-PID additives (illustrative)',
    titleZh: '抗PID光伏POE封装胶膜',
    summary:
      'Illustrative: a polyolefin elastomer adhesive film that encapsulates double-glass photovoltaic modules and resists potential-induced degradation.',
    ipcCodes: ['C08J 5/18', 'H01L 31/048'],
    keywords: ['photovoltaic', 'encapsulant', 'adhesive film', 'poe'],
    trl: 7,
    trlChangedOn: '2021-06-01',
    trlNote: 'Illustrative: three months on a demonstration line.',
    developmentStatus: 'DEMONSTRATION',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2020-03-02T08:00:00.000Z'),
  },
  {
    id: 'iccas-polyimide-film',
    instituteId: 'iccas',
    title: 'Colourless polyimide film for flexible displays (illustrative)',
    titleZh: '柔性显示用无色聚酰亚胺薄膜',
    summary:
      'Illustrative: a transparent, heat-resistant polyimide film to replace cover glass in foldable screens.',
    ipcCodes: ['C08J 5/18', 'C08G 73/10'],
    keywords: ['polyimide', 'film', 'flexible display'],
    trl: 6,
    trlChangedOn: '2020-06-01',
    trlNote: 'Illustrative: pilot coating line.',
    developmentStatus: 'PILOT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2020-06-01T08:00:00.000Z'),
  },
  {
    id: 'ciac-eva-crosslinking',
    instituteId: 'ciac',
    title: 'Fast-curing EVA adhesive film formulation (illustrative)',
    titleZh: '快速固化EVA胶膜配方',
    summary:
      'Illustrative: a peroxide and co-agent package that halves the lamination time of EVA photovoltaic adhesive film; laboratory results only.',
    ipcCodes: ['C08L 23/08', 'C08K 5/14'],
    keywords: ['eva', 'adhesive film', 'photovoltaic', 'crosslinking'],
    trl: 4,
    trlChangedOn: '2020-09-15',
    trlNote: 'Illustrative: validated in the laboratory.',
    developmentStatus: 'PROOF_OF_CONCEPT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2020-09-15T08:00:00.000Z'),
  },
  {
    id: 'iccas-silicon-anode',
    instituteId: 'iccas',
    title: 'Silicon-carbon composite anode material (illustrative)',
    titleZh: '硅碳复合负极材料',
    summary:
      'Illustrative: silicon-based anode material for lithium batteries, with a carbon shell that keeps the silicon from swelling apart.',
    ipcCodes: ['C01B 33/02', 'H01M 4/38'],
    keywords: ['silicon', 'silicon-based materials', 'lithium battery', 'anode'],
    trl: 5,
    trlChangedOn: '2020-11-20',
    trlNote: 'Illustrative: kilogram batches tested in pouch cells.',
    developmentStatus: 'PILOT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2020-11-20T08:00:00.000Z'),
  },
  {
    id: 'iccas-packaging-emc',
    instituteId: 'iccas',
    title: 'Low-stress epoxy molding compound for power semiconductors (illustrative)',
    titleZh: '功率半导体用低应力环氧塑封料',
    summary:
      'Illustrative: an epoxy molding compound for high-power semiconductor packaging materials, with low warpage and high thermal conductivity.',
    ipcCodes: ['H01L 23/29', 'C08L 63/00'],
    keywords: ['semiconductor packaging materials', 'epoxy molding compound', 'high power'],
    trl: 6,
    trlChangedOn: '2021-01-12',
    trlNote: 'Illustrative: qualified by a packaging house.',
    developmentStatus: 'PILOT',
    visibility: 'MEMBERS',
    awards: [],
    illustrative: true,
    createdAt: new Date('2021-01-12T08:00:00.000Z'),
  },
  {
    id: 'iccas-arf-photoresist',
    instituteId: 'iccas',
    title: 'ArF photoresist monomers (illustrative)',
    titleZh: 'ArF光刻胶单体',
    summary: 'Illustrative: acrylate monomers for ArF photoresist, synthesized at gram scale.',
    ipcCodes: ['G03F 7/004', 'C08F 220/18'],
    keywords: ['photoresist', 'arf', 'monomer', 'lithography'],
    trl: 3,
    trlChangedOn: '2021-03-03',
    trlNote: 'Illustrative: proof of concept in the laboratory.',
    developmentStatus: 'PROOF_OF_CONCEPT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2021-03-03T08:00:00.000Z'),
  },
  {
    id: 'dicp-perovskite-pv',
    instituteId: 'dicp',
    title: 'Perovskite solar cell modules (illustrative)',
    titleZh: '钙钛矿太阳能电池组件',
    summary: 'Illustrative: printable perovskite photovoltaic modules with a stabilized interface layer.',
    ipcCodes: ['H01L 31/18'],
    keywords: ['photovoltaic', 'perovskite', 'solar cell'],
    trl: 6,
    trlChangedOn: '2021-05-18',
    trlNote: 'Illustrative: outdoor test field for a year.',
    developmentStatus: 'PILOT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt: new Date('2021-05-18T08:00:00.000Z'),
  },
];

/** The TRL records of the demo achievements: the registration, and later changes where there were some. */
const demoTrlHistory: Omit<TrlChangeEntity, 'seq' | 'recordedAt'>[] = [
  ...demoAchievements
    .filter((a) => a.id !== 'ciac-pv-encapsulant')
    .map((a) => ({
      achievementId: a.id,
      from: null,
      to: a.trl,
      changedOn: a.trlChangedOn,
      note: a.trlNote,
      by: 'seed',
    })),
  {
    achievementId: 'ciac-pv-encapsulant',
    from: null,
    to: 6,
    changedOn: '2020-03-02',
    note: 'Illustrative: pilot film line.',
    by: 'seed',
  },
  {
    achievementId: 'ciac-pv-encapsulant',
    from: 6,
    to: 7,
    changedOn: '2021-06-01',
    note: 'Illustrative: three months on a demonstration line.',
    by: 'seed',
  },
];

export const demoResearchers: Omit<ResearcherEntity, 'createdAt'>[] = [
  {
    id: 'dicp-r1',
    instituteId: 'dicp',
    name: 'DICP researcher A (illustrative)',
    title: 'Research Professor',
    illustrative: true,
  },
  {
    id: 'dicp-r2',
    instituteId: 'dicp',
    name: 'DICP researcher B (illustrative)',
    title: 'Research Professor',
    illustrative: true,
  },
  {
    id: 'dicp-r3',
    instituteId: 'dicp',
    name: 'DICP researcher C (illustrative)',
    title: 'Associate Professor',
    illustrative: true,
  },
  {
    id: 'ciac-r1',
    instituteId: 'ciac',
    name: 'CIAC researcher A (illustrative)',
    title: 'Research Professor',
    illustrative: true,
  },
  {
    id: 'ciac-r2',
    instituteId: 'ciac',
    name: 'CIAC researcher B (illustrative)',
    title: 'Associate Professor',
    illustrative: true,
  },
  {
    id: 'iccas-r1',
    instituteId: 'iccas',
    name: 'ICCAS researcher A (illustrative)',
    title: 'Research Professor',
    illustrative: true,
  },
  {
    id: 'iccas-r2',
    instituteId: 'iccas',
    name: 'ICCAS researcher B (illustrative)',
    title: 'Senior Engineer',
    illustrative: true,
  },
];

/** Illustrative inventor shares; each achievement's sum to exactly 100. */
const demoInventors: Omit<InventorEntity, 'position'>[][] = [
  [
    { achievementId: 'dmto', researcherId: 'dicp-r1', share: '40.00' },
    { achievementId: 'dmto', researcherId: 'dicp-r2', share: '35.00' },
    { achievementId: 'dmto', researcherId: 'dicp-r3', share: '25.00' },
  ],
  [
    { achievementId: 'ciac-ppc', researcherId: 'ciac-r1', share: '33.34' },
    { achievementId: 'ciac-ppc', researcherId: 'ciac-r2', share: '33.33' },
    { achievementId: 'ciac-ppc', researcherId: 'iccas-r1', share: '33.33' },
  ],
  [
    { achievementId: 'ciac-pv-encapsulant', researcherId: 'ciac-r2', share: '60.00' },
    { achievementId: 'ciac-pv-encapsulant', researcherId: 'ciac-r1', share: '40.00' },
  ],
  [
    { achievementId: 'iccas-photoresist', researcherId: 'iccas-r1', share: '50.50' },
    { achievementId: 'iccas-photoresist', researcherId: 'iccas-r2', share: '49.50' },
  ],
];

/** Illustrative patents: the numbers say so, no real patent is meant. */
export const demoPatents: Omit<PatentEntity, 'createdAt' | 'updatedAt'>[] = [
  {
    id: 'dmto-cn-1',
    achievementId: 'dmto',
    number: 'CN-ILLUSTRATIVE-0001',
    jurisdiction: 'CN',
    title: 'Method for producing light olefins from methanol (illustrative)',
    status: 'GRANTED',
    filedOn: '2006-03-01',
    grantedOn: '2009-09-16',
    illustrative: true,
  },
  {
    id: 'dmto-wo-1',
    achievementId: 'dmto',
    number: 'WO-ILLUSTRATIVE-0002',
    jurisdiction: 'WO',
    title: 'Method for producing light olefins from methanol (illustrative)',
    status: 'LAPSED',
    filedOn: '2007-02-01',
    grantedOn: null,
    illustrative: true,
  },
  {
    id: 'ciac-ppc-cn-1',
    achievementId: 'ciac-ppc',
    number: 'CN-ILLUSTRATIVE-0003',
    jurisdiction: 'CN',
    title: 'Carbon-dioxide-based polycarbonate composition (illustrative)',
    status: 'GRANTED',
    filedOn: '2015-04-10',
    grantedOn: '2018-01-05',
    illustrative: true,
  },
  {
    id: 'ciac-pv-cn-1',
    achievementId: 'ciac-pv-encapsulant',
    number: 'CN-ILLUSTRATIVE-0004',
    jurisdiction: 'CN',
    title: 'Anti-PID polyolefin encapsulant film (illustrative)',
    status: 'FILED',
    filedOn: '2020-02-20',
    grantedOn: null,
    illustrative: true,
  },
];

/**
 * Inserts the demo rows that are missing; existing rows (and edits to them) are kept. TRL
 * records go with freshly inserted achievements only, and inventors only to achievements
 * that have none, so re-seeding never breaks a list an institute edited.
 */
export async function seedDemoData(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.createQueryBuilder().insert().into(InstituteEntity).values(demoInstitutes).orIgnore().execute();
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(AchievementEntity)
      .values(demoAchievements.map((a) => ({ ...a, updatedAt: a.createdAt })))
      .orIgnore()
      .returning(['id'])
      .execute();
    const fresh = new Set((inserted.raw as { id: string }[]).map((r) => r.id));
    const history = demoTrlHistory.filter((t) => fresh.has(t.achievementId));
    if (history.length)
      await tx
        .createQueryBuilder()
        .insert()
        .into(TrlChangeEntity)
        .values(history.map((h) => ({ ...h })))
        .execute();

    await tx
      .createQueryBuilder()
      .insert()
      .into(ResearcherEntity)
      .values(demoResearchers)
      .orIgnore()
      .execute();
    const listed = await tx.query<{ achievement_id: string }[]>(
      `SELECT DISTINCT achievement_id FROM institutes.inventor`,
    );
    const withInventors = new Set(listed.map((r) => r.achievement_id));
    const inventors = demoInventors
      .filter((list) => !list.some((inventor) => withInventors.has(inventor.achievementId)))
      .flatMap((list) => list.map((inventor, position) => ({ ...inventor, position })));
    if (inventors.length)
      await tx.createQueryBuilder().insert().into(InventorEntity).values(inventors).execute();

    await tx.createQueryBuilder().insert().into(PatentEntity).values(demoPatents).orIgnore().execute();
  });
}

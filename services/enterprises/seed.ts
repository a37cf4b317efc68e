import type { DataSource } from 'typeorm';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { ProductEntity } from './entities/product.entity';
import { TechnologyDemandEntity } from './entities/technology-demand.entity';

/** Enterprises the articles name; illustrative details are flagged. */
export const demoEnterprises: EnterpriseEntity[] = [
  {
    id: 'levima',
    name: 'Levima Advanced Materials Corporation',
    nameZh: '联泓新材料科技股份有限公司',
    ownership: 'MIXED',
    sector: 'advanced materials',
    city: 'Tengzhou',
    province: 'Shandong',
    listed: false,
    capabilities: [
      'DMTO industrialization',
      'high-melting homopolymerized polypropylene',
      'cable EVA with high VA content',
      'photovoltaic adhesive film (FL02528)',
      'ethylene oxide derivatives',
    ],
    illustrative: false,
  },
  {
    id: 'sinopec-guangzhou-engineering',
    name: 'Sinopec Guangzhou Engineering Co., Ltd.',
    nameZh: '中石化广州工程有限公司',
    ownership: 'CENTRAL_SOE',
    sector: 'petrochemical engineering',
    city: 'Guangzhou',
    province: 'Guangdong',
    listed: false,
    capabilities: ['process design', 'engineering', 'construction of chemical plants'],
    illustrative: false,
  },
  {
    id: 'chengdu-organic-chemicals',
    name: 'Chengdu Organic Chemicals Co., Ltd. of the Chinese Academy of Sciences',
    nameZh: '中国科学院成都有机化学有限公司',
    ownership: 'LOCAL_SOE',
    sector: 'fine chemicals',
    city: 'Chengdu',
    province: 'Sichuan',
    listed: false,
    capabilities: ['fine chemicals', 'carbon nanotubes (illustrative)'],
    illustrative: false,
  },
  {
    id: 'guangzhou-chemical',
    name: 'Guangzhou Chemical Co., Ltd. of the Chinese Academy of Sciences',
    nameZh: '中国科学院广州化学有限公司',
    ownership: 'LOCAL_SOE',
    sector: 'chemicals',
    city: 'Guangzhou',
    province: 'Guangdong',
    listed: false,
    capabilities: ['polymer additives (illustrative)'],
    illustrative: false,
  },
  // Central SOEs of the Central Enterprises consortium (article 004): the National Energy
  // Group leads it; China Telecom and CNPC are the core members it names. What each offers
  // is the article's example of it.
  {
    id: 'national-energy-group',
    name: 'National Energy Group (China Energy Investment Corporation)',
    nameZh: '国家能源投资集团有限责任公司',
    ownership: 'CENTRAL_SOE',
    sector: 'energy',
    city: 'Beijing',
    province: 'Beijing',
    listed: false,
    capabilities: ['renewable energy', 'clean coal utilization', 'power plants as photovoltaic test sites'],
    illustrative: false,
  },
  {
    id: 'china-telecom',
    name: 'China Telecom',
    nameZh: '中国电信集团有限公司',
    ownership: 'CENTRAL_SOE',
    sector: 'telecommunications',
    city: 'Beijing',
    province: 'Beijing',
    listed: false,
    capabilities: ['5G networks', '5G networks for AI technology trials'],
    illustrative: false,
  },
  {
    id: 'cnpc',
    name: 'China National Petroleum Corporation (CNPC)',
    nameZh: '中国石油天然气集团有限公司',
    ownership: 'CENTRAL_SOE',
    sector: 'oil and gas',
    city: 'Beijing',
    province: 'Beijing',
    listed: false,
    capabilities: ['oil and gas', 'refining technologies for downstream chemical companies'],
    illustrative: false,
  },
];

/**
 * Levima's products as article 001 lists them: high-melting homopolymerized polypropylene
 * for transparent lunch boxes and milk tea cups, cable EVA with high VA content, FL02528
 * solar photovoltaic adhesive film (which "broke the situation that most domestic products
 * depend on imports") and ethylene oxide derivatives.
 */
export const demoProducts: ProductEntity[] = [
  {
    id: 'levima-fl02528',
    enterpriseId: 'levima',
    name: 'FL02528 photovoltaic adhesive film',
    nameZh: 'FL02528光伏胶膜',
    description:
      'Solar photovoltaic adhesive film material developed by Levima; it broke the situation that most domestic products depend on imports.',
    illustrative: false,
  },
  {
    id: 'levima-high-melt-pp',
    enterpriseId: 'levima',
    name: 'High-melting homopolymerized polypropylene',
    nameZh: '高熔指均聚聚丙烯',
    description:
      'Special polypropylene for transparent disposable lunch boxes and milk tea cups, in the mainstream of the domestic market.',
    illustrative: false,
  },
  {
    id: 'levima-cable-eva',
    enterpriseId: 'levima',
    name: 'Cable EVA with high VA content',
    nameZh: '高VA含量EVA电缆料',
    description: 'Cable special material with a leading market share in China.',
    illustrative: false,
  },
  {
    id: 'levima-eo-derivatives',
    enterpriseId: 'levima',
    name: 'Ethylene oxide derivatives',
    nameZh: '环氧乙烷衍生品',
    description:
      'At international standards in daily chemical, construction, textile, metal processing and pesticide uses.',
    illustrative: false,
  },
];

type DemoDemand = Omit<TechnologyDemandEntity, 'updatedAt'>;

/**
 * Technology demands drawn from the needs the articles name: photovoltaic adhesive film and
 * cable EVA (Levima's markets), degradable materials for lunch boxes and milk tea cups, and
 * the "neck-stuck" areas of the symposium (high-end photoresist, silicon-based materials,
 * high-power semiconductor packaging materials). The demands themselves, their budgets and
 * deadlines are illustrative.
 */
export const demoDemands: DemoDemand[] = [
  {
    id: 'levima-pv-adhesive-film',
    enterpriseId: 'levima',
    title: 'Anti-PID encapsulant film for double-glass photovoltaic modules (illustrative)',
    description:
      'Illustrative: Levima makes the FL02528 photovoltaic adhesive film; for double-glass modules it looks for a POE-based encapsulant film that resists potential-induced degradation.',
    ipcCode: 'C08J 5/18',
    keywords: ['photovoltaic', 'adhesive film', 'encapsulant', 'poe', 'eva'],
    minTrl: 6,
    budgetAmount: '30000000.00',
    budgetCurrency: 'CNY',
    deadline: '2027-06-30',
    status: 'OPEN',
    illustrative: true,
    createdAt: new Date('2020-04-01T08:00:00.000Z'),
  },
  {
    id: 'levima-cable-eva',
    enterpriseId: 'levima',
    title: 'Halogen-free flame retardancy for high-VA cable EVA (illustrative)',
    description:
      'Illustrative: Levima leads the market for cable EVA with high VA content and seeks a halogen-free flame retardant system for cable sheathing.',
    ipcCode: 'C08L 23/08',
    keywords: ['eva', 'cable', 'flame retardant', 'vinyl acetate'],
    minTrl: 5,
    budgetAmount: '12000000.00',
    budgetCurrency: 'CNY',
    deadline: '2027-03-31',
    status: 'IN_DOCKING',
    illustrative: true,
    createdAt: new Date('2020-05-10T08:00:00.000Z'),
  },
  {
    id: 'levima-degradable-tableware',
    enterpriseId: 'levima',
    title: 'Degradable material for transparent lunch boxes and milk tea cups (illustrative)',
    description:
      "Illustrative: Levima's high-melting polypropylene serves transparent lunch boxes and milk tea cups; it looks for a degradable material for the same market.",
    ipcCode: 'C08L 67/04',
    keywords: ['degradable materials', 'packaging', 'tableware', 'transparent'],
    minTrl: 6,
    budgetAmount: '8000000.00',
    budgetCurrency: 'CNY',
    deadline: '2027-09-30',
    status: 'OPEN',
    illustrative: true,
    createdAt: new Date('2021-02-01T08:00:00.000Z'),
  },
  {
    id: 'guangzhou-chemical-photoresist',
    enterpriseId: 'guangzhou-chemical',
    title: 'High-end photoresist resins for ArF lithography (illustrative)',
    description:
      'Illustrative: photoresist resins and monomers for ArF lithography, a "neck-stuck" area the symposium named.',
    ipcCode: 'G03F 7/004',
    keywords: ['photoresist', 'lithography', 'arf', 'resin'],
    minTrl: 4,
    budgetAmount: '20000000.00',
    budgetCurrency: 'CNY',
    deadline: '2027-12-31',
    status: 'OPEN',
    illustrative: true,
    createdAt: new Date('2021-03-15T08:00:00.000Z'),
  },
  {
    id: 'chengdu-organic-silicon-anode',
    enterpriseId: 'chengdu-organic-chemicals',
    title: 'Silicon-based anode materials for lithium batteries (illustrative)',
    description:
      'Illustrative: silicon and silicon-based materials, another "neck-stuck" area, for high-capacity battery anodes.',
    ipcCode: 'C01B 33/02',
    keywords: ['silicon-based materials', 'silicon', 'anode', 'lithium battery'],
    minTrl: 5,
    budgetAmount: '15000000.00',
    budgetCurrency: 'CNY',
    deadline: null,
    status: 'OPEN',
    illustrative: true,
    createdAt: new Date('2021-04-20T08:00:00.000Z'),
  },
  {
    id: 'guangzhou-chemical-power-packaging',
    enterpriseId: 'guangzhou-chemical',
    title: 'Epoxy molding compound for high-power semiconductor packaging (illustrative)',
    description:
      'Illustrative: high-power semiconductor packaging materials with low warpage, the third "neck-stuck" area of the symposium.',
    ipcCode: 'H01L 23/29',
    keywords: ['semiconductor packaging materials', 'epoxy molding compound', 'high power'],
    minTrl: 5,
    budgetAmount: '10000000.00',
    budgetCurrency: 'CNY',
    deadline: '2027-06-30',
    status: 'OPEN',
    illustrative: true,
    createdAt: new Date('2021-05-06T08:00:00.000Z'),
  },
  {
    id: 'sinopec-gz-mto-process',
    enterpriseId: 'sinopec-guangzhou-engineering',
    title: 'Methanol-to-olefins process package for a new unit (illustrative)',
    description: 'Illustrative: a licensed methanol-to-olefins process and catalyst for a unit it engineers.',
    ipcCode: 'C07C 1/20',
    keywords: ['methanol', 'olefins', 'process design'],
    minTrl: 8,
    budgetAmount: null,
    budgetCurrency: 'CNY',
    deadline: null,
    status: 'MATCHED',
    illustrative: true,
    createdAt: new Date('2019-02-01T08:00:00.000Z'),
  },
  {
    id: 'levima-high-melt-pp',
    enterpriseId: 'levima',
    title: 'High-melting homopolymerized polypropylene for packaging (illustrative)',
    description:
      'Illustrative: the need Levima met itself: its special high-melting homopolymerized polypropylene now serves the fast-disappearing packaging market.',
    ipcCode: 'C08F 110/06',
    keywords: ['polypropylene', 'packaging'],
    minTrl: 7,
    budgetAmount: null,
    budgetCurrency: 'CNY',
    deadline: null,
    status: 'CLOSED',
    illustrative: true,
    createdAt: new Date('2018-03-01T08:00:00.000Z'),
  },
];

/** Inserts the demo enterprises, products and demands that are missing; existing rows (and edits to them) are kept. */
export async function seedDemoData(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .createQueryBuilder()
      .insert()
      .into(EnterpriseEntity)
      .values(demoEnterprises)
      .orIgnore()
      .execute();
    await tx.createQueryBuilder().insert().into(ProductEntity).values(demoProducts).orIgnore().execute();
    await tx
      .createQueryBuilder()
      .insert()
      .into(TechnologyDemandEntity)
      .values(demoDemands.map((d) => ({ ...d, updatedAt: d.createdAt })))
      .orIgnore()
      .execute();
  });
}

import type { DataSource } from 'typeorm';
import { FundEntity } from './entities/fund.entity';
import { InvestmentEntity } from './entities/investment.entity';

/**
 * Funds and investments from the articles. The CAS Advanced Materials Industry Fund was
 * registered on 8 July 2019 with five focus areas; the Zhejiang fund is in preparation;
 * CAS Holdings invested 850 million yuan in Levima. Sizes and the DMTO project's
 * investment are not in the articles and are flagged illustrative. The demo investments
 * are PUBLIC (the database's default), so the README's first query shows them anonymously;
 * each fund's committed sum follows from them (a trigger keeps it).
 */
export const demoFunds: Omit<FundEntity, 'committed'>[] = [
  {
    id: 'cas-amif',
    name: 'CAS Advanced Materials Industry Fund',
    nameZh: '中国科学院先进材料产业基金',
    manager: 'CAS Holdings',
    registeredOn: '2019-07-08',
    status: 'INVESTING',
    size: '2000000000.00',
    currency: 'CNY',
    focusAreas: [
      'key strategic materials',
      'new functional materials',
      'cutting-edge advanced materials',
      'fine chemicals',
      'pharmaceutical intermediates',
    ],
    stages: ['PILOT', 'INDUSTRIALIZATION', 'GROWTH'],
    illustrative: true,
  },
  {
    id: 'zhejiang-amif',
    name: 'Zhejiang Advanced Materials Industry Fund',
    nameZh: '浙江先进材料产业基金',
    manager: 'CAS Holdings',
    registeredOn: null,
    status: 'PREPARING',
    size: '1000000000.00',
    currency: 'CNY',
    focusAreas: ['advanced materials'],
    stages: ['PROOF_OF_CONCEPT', 'PILOT'],
    illustrative: true,
  },
  {
    id: 'cas-holdings',
    name: 'CAS Holdings direct investment',
    nameZh: '国科控股直接投资',
    manager: 'Chinese Academy of Sciences Holdings Co., Ltd.',
    registeredOn: null,
    status: 'INVESTING',
    size: '850000000.00',
    currency: 'CNY',
    focusAreas: ['advanced materials', 'linkage of the innovation, industrial and capital chains'],
    stages: ['INDUSTRIALIZATION', 'GROWTH'],
    illustrative: true,
  },
];

export const demoInvestments: InvestmentEntity[] = [
  {
    id: 'cas-holdings-levima',
    fundId: 'cas-holdings',
    projectId: null,
    enterpriseId: 'levima',
    allianceId: null,
    stage: 'GROWTH',
    instrument: 'EQUITY',
    amount: '850000000.00',
    status: 'DISBURSED',
    committedOn: '2017-06-01',
    illustrative: false,
  },
  {
    id: 'cas-amif-dmto',
    fundId: 'cas-amif',
    projectId: 'dmto-industrialization',
    enterpriseId: null,
    // The DMTO project is the CAS alliance's, as every demo project is.
    allianceId: 'cas-advanced-materials',
    stage: 'INDUSTRIALIZATION',
    instrument: 'EQUITY',
    amount: '120000000.00',
    status: 'COMMITTED',
    committedOn: '2019-09-01',
    illustrative: true,
  },
];

/** Inserts the demo funds and investments that are missing. */
export async function seedDemoData(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.createQueryBuilder().insert().into(FundEntity).values(demoFunds).orIgnore().execute();
    await tx
      .createQueryBuilder()
      .insert()
      .into(InvestmentEntity)
      .values(demoInvestments)
      .orIgnore()
      .execute();
  });
}

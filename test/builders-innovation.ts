import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TechnologyDemandEntity } from '../services/enterprises/entities/technology-demand.entity';
import { AchievementEntity } from '../services/institutes/entities/achievement.entity';
import type { Federation } from './federation';

/**
 * Builders of innovation-chain test data (achievements, technology demands), written
 * straight into the owning subgraph's database like test/builders.ts does.
 */
export function databaseOf(federation: Federation, subgraph: string): DataSource {
  const running = federation.stack.subgraphs.get(subgraph);
  if (!running) throw new Error(`no subgraph ${subgraph}`);
  return running.dataSource;
}

/** Every row of these tables of a subgraph, to compare the database before and after a write. */
export function snapshotOf(
  federation: Federation,
  subgraph: string,
  tables: readonly string[],
): () => Promise<Record<string, unknown>> {
  const schema = subgraph.replace(/-/g, '_');
  return async () => {
    const rows: Record<string, unknown> = {};
    for (const table of tables) {
      rows[table] = await databaseOf(federation, subgraph).query(
        `SELECT * FROM ${schema}.${table} ORDER BY 1, 2`,
      );
    }
    return rows;
  };
}

/**
 * Every list of children an achievement has, for the statement counts of achievement lists:
 * its institute, patents, inventors and their researchers, TRL record, and projects.
 */
export const ACHIEVEMENT_DETAILS = /* GraphQL */ `
  fragment AchievementDetails on Achievement {
    title
    institute {
      name
    }
    patents {
      number
    }
    inventors {
      share
      researcher {
        name
      }
    }
    trlHistory {
      to
    }
    projects(first: 5) {
      code
    }
  }
`;

let sequence = 0;

/** A PUBLIC achievement of DICP, registered after the demo data unless `createdAt` says otherwise. */
export async function givenAchievement(
  federation: Federation,
  overrides: Partial<AchievementEntity> = {},
): Promise<AchievementEntity> {
  sequence += 1;
  const createdAt = new Date(Date.UTC(2024, 0, 1) + sequence * 60_000);
  const achievement: AchievementEntity = {
    id: `test-achievement-${sequence}-${randomUUID().slice(0, 8)}`,
    instituteId: 'dicp',
    title: `Test achievement ${sequence}`,
    titleZh: null,
    summary: '',
    ipcCodes: ['C07C 1/20'],
    keywords: [],
    trl: 5,
    trlChangedOn: '2024-01-01',
    trlNote: 'test data',
    developmentStatus: 'PILOT',
    visibility: 'PUBLIC',
    awards: [],
    illustrative: true,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
  await databaseOf(federation, 'institutes').getRepository(AchievementEntity).insert(achievement);
  return achievement;
}

/** An OPEN demand of Levima, posted after the demo data unless `createdAt` says otherwise. */
export async function givenDemand(
  federation: Federation,
  overrides: Partial<TechnologyDemandEntity> = {},
): Promise<TechnologyDemandEntity> {
  sequence += 1;
  const createdAt = new Date(Date.UTC(2024, 0, 1) + sequence * 60_000);
  const demand: TechnologyDemandEntity = {
    id: `test-demand-${sequence}-${randomUUID().slice(0, 8)}`,
    enterpriseId: 'levima',
    title: `Test demand ${sequence}`,
    description: '',
    ipcCode: 'C08J 5/18',
    keywords: ['photovoltaic'],
    minTrl: 5,
    budgetAmount: '1000000.00',
    budgetCurrency: 'CNY',
    deadline: null,
    status: 'OPEN',
    illustrative: true,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
  await databaseOf(federation, 'enterprises').getRepository(TechnologyDemandEntity).insert(demand);
  return demand;
}

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ProjectEntity } from '../services/alliance/projects/project.entity';
import { StageChangeEntity } from '../services/alliance/projects/stage-change.entity';
import { InvestmentEntity } from '../services/funds/entities/investment.entity';
import type { Federation } from './federation';

/**
 * Builders of test data, written straight into the owning subgraph's database: each test
 * makes the rows it needs instead of sharing fixtures that tests fight over.
 */
function db(federation: Federation, subgraph: string): DataSource {
  const running = federation.stack.subgraphs.get(subgraph);
  if (!running) throw new Error(`no subgraph ${subgraph}`);
  return running.dataSource;
}

let sequence = 0;

export async function givenProject(
  federation: Federation,
  overrides: Partial<ProjectEntity> = {},
): Promise<ProjectEntity> {
  sequence += 1;
  const now = new Date(Date.UTC(2020, 0, 1) + sequence * 60_000);
  const project: ProjectEntity = {
    id: randomUUID(),
    allianceId: 'cas-advanced-materials',
    code: `TEST-${process.pid}-${sequence}`,
    title: `Test project ${sequence}`,
    summary: '',
    stage: 'DOCKING',
    keyProject: false,
    keyProjectKind: null,
    achievementId: 'dmto',
    leadEnterpriseId: 'levima',
    illustrative: true,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await db(federation, 'alliance').transaction(async (tx) => {
    await tx.insert(ProjectEntity, project);
    await tx.insert(StageChangeEntity, {
      projectId: project.id,
      from: null,
      to: project.stage,
      by: 'test',
      // Docked when created: the history (and so the project's stage_changed_at) agrees.
      at: project.createdAt,
      reason: 'test data',
    });
  });
  return project;
}

/**
 * An investment inserted as the fund would hold it. One in a project records the project's
 * alliance: the CAS alliance, `givenProject`'s default, unless `allianceId` says otherwise.
 */
export async function givenInvestment(
  federation: Federation,
  overrides: Partial<InvestmentEntity> = {},
): Promise<InvestmentEntity> {
  const investment: InvestmentEntity = {
    id: randomUUID(),
    fundId: 'cas-amif',
    projectId: null,
    enterpriseId: null,
    allianceId: overrides.projectId ? 'cas-advanced-materials' : null,
    stage: 'PILOT',
    instrument: 'EQUITY',
    amount: '1000000.00',
    status: 'COMMITTED',
    committedOn: '2020-01-01',
    illustrative: true,
    ...overrides,
  };
  await db(federation, 'funds').getRepository(InvestmentEntity).insert(investment);
  return investment;
}

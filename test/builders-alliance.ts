import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ExpertEntity } from '../services/alliance/experts/expert.entity';
import { ExpertReviewEntity, type Recommendation } from '../services/alliance/experts/expert-review.entity';
import type { ProjectStage } from '../services/alliance/projects/project.entity';
import type { Federation } from './federation';

/**
 * Builders of the alliance's test data, written straight into its database (like
 * test/builders.ts): each test makes the experts and reviews it needs.
 */
function allianceDb(federation: Federation): DataSource {
  const running = federation.stack.subgraphs.get('alliance');
  if (!running) throw new Error('no alliance subgraph');
  return running.dataSource;
}

export async function givenExpert(
  federation: Federation,
  overrides: Partial<ExpertEntity> = {},
): Promise<ExpertEntity> {
  const id = `expert-${randomUUID()}`;
  const expert: ExpertEntity = {
    id,
    allianceId: 'cas-advanced-materials',
    subject: `test:${id}`,
    name: `Test expert ${id.slice(-6)}`,
    title: null,
    fields: [],
    affiliationType: null,
    affiliationId: null,
    illustrative: true,
    createdAt: new Date(),
    ...overrides,
  };
  await allianceDb(federation).getRepository(ExpertEntity).insert(expert);
  return expert;
}

/** A review of a project at a stage, as if an expert had written it then. */
export async function givenReview(
  federation: Federation,
  projectId: string,
  recommendation: Recommendation,
  stage: ProjectStage = 'EVALUATION',
  expertId?: string,
): Promise<ExpertReviewEntity> {
  const review: ExpertReviewEntity = {
    id: randomUUID(),
    projectId,
    expertId: expertId ?? (await givenExpert(federation)).id,
    stage,
    technicalMaturity: 4,
    marketDemand: 4,
    strategicFit: 4,
    team: 4,
    recommendation,
    comments: 'test review',
    illustrative: true,
    submittedAt: new Date(),
  };
  await allianceDb(federation).getRepository(ExpertReviewEntity).insert(review);
  return review;
}

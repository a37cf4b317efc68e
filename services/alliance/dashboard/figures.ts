import { PROJECT_STAGES, type ProjectStage } from '../projects/project.entity';
import type { ProjectStats } from './metrics.repository';

/*
 * An alliance's project figures as the schema shapes them, for the CAS dashboard
 * (`allianceMetrics`) and for every alliance (`Alliance.projectsByStage`, `Alliance.funnel`).
 */

/** Projects per stage in lifecycle order, zeros included. */
export function stageCounts({ byStage }: ProjectStats): { stage: ProjectStage; projects: number }[] {
  return PROJECT_STAGES.map((stage) => ({ stage, projects: byStage.get(stage) ?? 0 }));
}

/** The funnel: how many projects reached at least each pipeline stage. */
export function funnelOf({ reached }: ProjectStats) {
  const [docked, evaluated, proofOfConcept, pilot, industrialization, commercialized] = reached;
  return { docked, evaluated, proofOfConcept, pilot, industrialization, commercialized };
}

import { BadUserInputError } from '../../../shared/errors';
import type { ProjectStage } from './project.entity';

/**
 * The project lifecycle, as rules without I/O:
 *
 *   DOCKING → EVALUATION → PROOF_OF_CONCEPT → PILOT → INDUSTRIALIZATION → COMMERCIALIZED
 *
 * one step forward at a time; ON_HOLD and TERMINATED from any active stage; an ON_HOLD
 * project resumes at the stage it left (or is terminated); COMMERCIALIZED and TERMINATED
 * are final. Leaving EVALUATION forward needs an expert review, written at EVALUATION,
 * that recommends ADVANCE (the review gate).
 *
 * The same pairs are in the table `alliance.stage_transition`, which every recorded
 * stage change references, so the database refuses an illegal step even if this code
 * had a bug.
 */

/** The stages where work goes on; ON_HOLD and TERMINATED are reachable from each. */
export const ACTIVE_STAGES = [
  'DOCKING',
  'EVALUATION',
  'PROOF_OF_CONCEPT',
  'PILOT',
  'INDUSTRIALIZATION',
] as const satisfies readonly ProjectStage[];

/** The forward path, in order. */
export const PIPELINE = [...ACTIVE_STAGES, 'COMMERCIALIZED'] as const satisfies readonly ProjectStage[];

/** Stages after which nothing follows. */
export const FINAL_STAGES: readonly ProjectStage[] = ['COMMERCIALIZED', 'TERMINATED'];

export function isActive(stage: ProjectStage): boolean {
  return (ACTIVE_STAGES as readonly ProjectStage[]).includes(stage);
}

/** What the rules need to know about a project to decide its next stage. */
export interface LifecycleState {
  stage: ProjectStage;
  /** While ON_HOLD: the stage it left. */
  heldFrom: ProjectStage | null;
  /** Whether an expert review written at EVALUATION recommends ADVANCE. */
  advanceRecommended: boolean;
}

/** The stages a project may move to now, in lifecycle order (the review gate applied). */
export function allowedNextStages(state: LifecycleState): ProjectStage[] {
  const { stage } = state;
  if (stage === 'ON_HOLD') {
    return state.heldFrom && isActive(state.heldFrom) ? [state.heldFrom, 'TERMINATED'] : ['TERMINATED'];
  }
  if (!isActive(stage)) return [];
  const next: ProjectStage[] = [];
  // An active stage is never the pipeline's last (COMMERCIALIZED): something follows it.
  const forward = PIPELINE[PIPELINE.indexOf(stage as (typeof PIPELINE)[number]) + 1]!;
  if (stage !== 'EVALUATION' || state.advanceRecommended) next.push(forward);
  next.push('ON_HOLD', 'TERMINATED');
  return next;
}

/**
 * Refuses a transition that the lifecycle does not allow, with BAD_USER_INPUT on
 * `input.to` naming the allowed next stages (also in `extensions.allowed`).
 */
export function assertTransition(state: LifecycleState, to: ProjectStage): void {
  const allowed = allowedNextStages(state);
  if (allowed.includes(to)) return;
  const listed = allowed.length ? `allowed next stages: ${allowed.join(', ')}` : 'no stage follows it';
  let message: string;
  if (!allowed.length) {
    message = `${state.stage} is final: ${listed}`;
  } else if (state.stage === 'EVALUATION' && to === 'PROOF_OF_CONCEPT') {
    message = `Advancing past EVALUATION needs an expert review recommending ADVANCE; ${listed}`;
  } else if (to === state.stage) {
    message = `The project is already at ${to}; ${listed}`;
  } else {
    message = `A project cannot move from ${state.stage} to ${to}; ${listed}`;
  }
  throw new BadUserInputError(message, 'input.to', { allowed });
}

/** How far along the pipeline a stage is: its index in PIPELINE, or -1 for ON_HOLD/TERMINATED. */
export function pipelineIndex(stage: ProjectStage): number {
  return (PIPELINE as readonly ProjectStage[]).indexOf(stage);
}

import type { ProjectStage } from '../project.entity';
import { allowedNextStages, assertTransition } from '../lifecycle';

const state = (stage: ProjectStage, extra: { heldFrom?: ProjectStage; advance?: boolean } = {}) => ({
  stage,
  heldFrom: extra.heldFrom ?? null,
  advanceRecommended: extra.advance ?? false,
});

describe('allowedNextStages', () => {
  test.each<[ProjectStage, ProjectStage[]]>([
    ['DOCKING', ['EVALUATION', 'ON_HOLD', 'TERMINATED']],
    ['PROOF_OF_CONCEPT', ['PILOT', 'ON_HOLD', 'TERMINATED']],
    ['PILOT', ['INDUSTRIALIZATION', 'ON_HOLD', 'TERMINATED']],
    ['INDUSTRIALIZATION', ['COMMERCIALIZED', 'ON_HOLD', 'TERMINATED']],
    ['COMMERCIALIZED', []],
    ['TERMINATED', []],
  ])('%s → %j', (stage, next) => {
    expect(allowedNextStages(state(stage))).toEqual(next);
  });

  test('EVALUATION moves forward only with a review recommending ADVANCE', () => {
    expect(allowedNextStages(state('EVALUATION'))).toEqual(['ON_HOLD', 'TERMINATED']);
    expect(allowedNextStages(state('EVALUATION', { advance: true }))).toEqual([
      'PROOF_OF_CONCEPT',
      'ON_HOLD',
      'TERMINATED',
    ]);
  });

  test('ON_HOLD resumes at the stage it left, or terminates', () => {
    expect(allowedNextStages(state('ON_HOLD', { heldFrom: 'PILOT' }))).toEqual(['PILOT', 'TERMINATED']);
    // A hold without a known origin can only end.
    expect(allowedNextStages(state('ON_HOLD'))).toEqual(['TERMINATED']);
  });
});

describe('assertTransition', () => {
  test('a legal move passes', () => {
    expect(() => assertTransition(state('DOCKING'), 'EVALUATION')).not.toThrow();
  });

  test.each<[string, ReturnType<typeof state>, ProjectStage, string]>([
    [
      'skipping a stage',
      state('DOCKING'),
      'PILOT',
      'cannot move from DOCKING to PILOT; allowed next stages: EVALUATION, ON_HOLD, TERMINATED',
    ],
    ['staying put', state('PILOT'), 'PILOT', 'already at PILOT'],
    ['after the end', state('TERMINATED'), 'DOCKING', 'TERMINATED is final: no stage follows it'],
    [
      'the review gate',
      state('EVALUATION'),
      'PROOF_OF_CONCEPT',
      'needs an expert review recommending ADVANCE',
    ],
  ])('%s is BAD_USER_INPUT on input.to naming the allowed stages', (_case, from, to, message) => {
    try {
      assertTransition(from, to);
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).message).toContain(message);
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.to',
        allowed: allowedNextStages(from),
      });
    }
  });
});

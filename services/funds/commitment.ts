import { BadUserInputError } from '../../shared/errors';
import { parseAmount, type Decimal } from '../../shared/money';
import { requiredText } from '../../shared/validation';
import { recordDay } from './dates';
import type { FundEntity } from './entities/fund.entity';
import type { CommitInvestmentInput, InvestmentStage, MandateDeviation } from './generated/graphql';

/**
 * The rules of a commitment that need no I/O: the shape of its input, and where it falls
 * outside its fund's mandate.
 */

const MAX_TEXT = 2000;

function text(value: string | null | undefined, field: string): string {
  return requiredText(value, field, MAX_TEXT);
}

/** The shape of a commitment, checked before anything is looked up. */
export interface ValidCommitment {
  amount: Decimal;
  focusArea: string;
  committedOn: string;
  target: { projectId: string; enterpriseId: null } | { projectId: null; enterpriseId: string };
}

/** Checks a commitment's input; throws BAD_USER_INPUT naming the first offending field. */
export function validateCommitment(input: CommitInvestmentInput, today: string): ValidCommitment {
  if (!input.fundId.trim()) throw new BadUserInputError('fundId must not be empty', 'input.fundId');
  const projectId = input.projectId?.trim() || null;
  const enterpriseId = input.enterpriseId?.trim() || null;
  if ((projectId === null) === (enterpriseId === null)) {
    throw new BadUserInputError(
      'an investment targets exactly one of a project (projectId) or an enterprise (enterpriseId)',
      projectId === null ? 'input.projectId' : 'input.enterpriseId',
    );
  }
  return {
    amount: parseAmount(input.amount, 'input.amount'),
    focusArea: text(input.focusArea, 'input.focusArea'),
    committedOn: recordDay(input.committedOn, 'input.committedOn', today),
    target:
      projectId !== null
        ? { projectId, enterpriseId: null }
        : { projectId: null, enterpriseId: enterpriseId! },
  };
}

/**
 * Where an investment falls outside its fund's mandate: a stage the fund does not invest
 * at, or a field outside its focus areas (compared ignoring case). A fund that lists no
 * stages, or no focus areas, is not restricted in that respect.
 */
export function deviationsFromMandate(
  fund: Pick<FundEntity, 'stages' | 'focusAreas'>,
  stage: InvestmentStage,
  focusArea: string,
): MandateDeviation[] {
  const deviations: MandateDeviation[] = [];
  if (fund.stages.length > 0 && !fund.stages.includes(stage)) deviations.push('STAGE');
  const area = focusArea.trim().toLowerCase();
  if (fund.focusAreas.length > 0 && !fund.focusAreas.some((a) => a.trim().toLowerCase() === area)) {
    deviations.push('FOCUS_AREA');
  }
  return deviations;
}

/**
 * Where a commitment falls outside its fund's mandate, and the reason that overrides it:
 * BAD_USER_INPUT on `input.overrideReason` when it deviates without one.
 */
export function mandateOverride(
  fund: Pick<FundEntity, 'stages' | 'focusAreas'>,
  input: Pick<CommitInvestmentInput, 'stage' | 'overrideReason'>,
  focusArea: string,
): { outsideMandate: MandateDeviation[]; overrideReason: string | null } {
  const outsideMandate = deviationsFromMandate(fund, input.stage, focusArea);
  const overrideReason = input.overrideReason?.trim()
    ? text(input.overrideReason, 'input.overrideReason')
    : null;
  if (outsideMandate.length > 0 && !overrideReason) {
    throw new BadUserInputError(
      `this investment is outside the fund's ${outsideMandate
        .map((d) => (d === 'STAGE' ? 'stages' : 'focus areas'))
        .join(' and ')}: give an overrideReason`,
      'input.overrideReason',
      { outsideMandate },
    );
  }
  return { outsideMandate, overrideReason };
}

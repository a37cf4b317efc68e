import { Decimal } from '../../../shared/money';
import type { AllianceGoalEntity, GoalMeasure } from './alliance.entity';
import type { AllianceFigures } from './alliance.repository';

/** A goal as the API shows it: the alliance's words, its figure and the actual counted now. */
export interface GoalView {
  label: string;
  measure: GoalMeasure | null;
  target: string | null;
  unit: string | null;
  deadline: string | null;
  actual: string | null;
  percent: string | null;
}

/**
 * The figure each measure counts; null where it cannot be told (the transaction volume,
 * `transactionVolume`, when the funds did not answer).
 */
function actualOf(
  measure: GoalMeasure,
  figures: AllianceFigures,
  transactionVolume: Decimal | null,
): Decimal | null {
  // Exhaustive over the SDL enum: a new measure fails the type check until it is counted here.
  switch (measure) {
    case 'DOCKED_PROJECTS':
      return new Decimal(figures.dockedProjects);
    case 'PILOT_PROJECTS':
      return new Decimal(figures.pilotProjects);
    case 'INDUSTRIALIZED_PROJECTS':
      return new Decimal(figures.industrializedProjects);
    case 'KEY_PROJECTS':
      return new Decimal(figures.keyProjects);
    case 'GOVERNING_UNITS':
      return new Decimal(figures.governingUnits);
    case 'MEMBERS':
      return new Decimal(figures.members);
    case 'TRANSACTION_VOLUME':
      return transactionVolume;
  }
  const unknown: never = measure;
  throw new Error(`unknown goal measure ${String(unknown)}`);
}

/**
 * A goal with its actual and the percentage of its target reached (two decimals);
 * `transactionVolume` is the alliance's, null when unknown.
 */
export function goalView(
  goal: AllianceGoalEntity,
  figures: AllianceFigures,
  transactionVolume: Decimal | null,
): GoalView {
  const actual = goal.measure ? actualOf(goal.measure, figures, transactionVolume) : null;
  const money = goal.unit === 'CNY';
  return {
    label: goal.label,
    measure: goal.measure,
    target: goal.target === null ? null : new Decimal(goal.target).toFixed(money ? 2 : 0),
    unit: goal.unit,
    deadline: goal.deadline,
    actual: actual?.toFixed(money ? 2 : 0) ?? null,
    percent: actual && goal.target ? actual.div(goal.target).times(100).toFixed(2) : null,
  };
}

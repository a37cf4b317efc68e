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

/** The figure each measure counts; null where the alliance's own records cannot tell it. */
function actualOf(measure: GoalMeasure, figures: AllianceFigures): number | null {
  // Exhaustive over the SDL enum: a new measure fails the type check until it is counted here.
  switch (measure) {
    case 'DOCKED_PROJECTS':
      return figures.dockedProjects;
    case 'PILOT_PROJECTS':
      return figures.pilotProjects;
    case 'INDUSTRIALIZED_PROJECTS':
      return figures.industrializedProjects;
    case 'KEY_PROJECTS':
      return figures.keyProjects;
    case 'GOVERNING_UNITS':
      return figures.governingUnits;
    case 'MEMBERS':
      return figures.members;
    case 'TRANSACTION_VOLUME':
      // Capital is the funds subgraph's, which does not split it by alliance yet.
      return null;
  }
  const unknown: never = measure;
  throw new Error(`unknown goal measure ${String(unknown)}`);
}

/** A goal with its actual and the percentage of its target reached (two decimals). */
export function goalView(goal: AllianceGoalEntity, figures: AllianceFigures): GoalView {
  const counted = goal.measure ? actualOf(goal.measure, figures) : null;
  const actual = counted === null ? null : new Decimal(counted);
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

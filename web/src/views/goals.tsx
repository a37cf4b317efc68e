import { graphql } from '../gql';
import type { AllianceGoalFieldsFragment } from '../gql/graphql';
import { useText } from '../i18n';
import { groupDigits, toChartNumber } from '../lib/decimal';

/** The fields of an `AllianceGoal` a goal list shows: the dashboard and the alliances view select them. */
export const AllianceGoalFields = graphql(`
  fragment AllianceGoalFields on AllianceGoal {
    label
    measure
    target
    unit
    deadline
    actual
    percent
  }
`);

export type GoalFigures = AllianceGoalFieldsFragment;

const text = {
  en: { of: 'of', by: 'by', notReported: 'not reported' },
  zh: { of: '/', by: '截至', notReported: '未报告' },
};

/**
 * An alliance's goals in its own words, each with its actual of its target and the percent
 * as the API gives them (exact decimal strings, grouped); a qualitative aim shows its
 * deadline instead of a bar. `label` names the list for a screen reader.
 */
export function Goals({ goals, label }: { goals: readonly GoalFigures[]; label: string }) {
  const t = useText(text);
  return (
    <ul className="targets" aria-label={label}>
      {goals.map((goal, i) => {
        const show = (value: string) =>
          goal.unit === 'CNY' ? `${groupDigits(value)} CNY` : groupDigits(value);
        const figures =
          goal.target === null
            ? `${t.by} ${goal.deadline ?? ''}`
            : goal.actual === null
              ? t.notReported
              : `${show(goal.actual)} ${t.of} ${show(goal.target)}`;
        return (
          <li key={i} className="target" data-measure={goal.measure ?? 'AIM'}>
            <div className="target-label">
              <span>{goal.label}</span>
              <span>
                {figures}
                {goal.percent !== null && ` · ${goal.percent}%`}
              </span>
            </div>
            {goal.target !== null && (
              <progress
                max={100}
                value={goal.percent === null ? undefined : toChartNumber(goal.percent)}
                aria-label={goal.label}
                aria-valuetext={goal.percent === null ? t.notReported : `${goal.percent}%`}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

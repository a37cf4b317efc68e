import { FUNNEL_STEPS, type CapitalCell, type Metrics } from './dashboard-data';

/** One line of the dashboard's CSV: every figure as the API gave it (exact decimal strings). */
export interface CsvRow {
  section: string;
  item: string;
  value: string;
  goal: string;
  percent: string;
  unit: string;
}

const row = (section: string, item: string, value: string, unit = '', goal = '', percent = ''): CsvRow => ({
  section,
  item,
  value,
  goal,
  percent,
  unit,
});

/**
 * The dashboard as rows: stable English keys in the first two columns (the API's names, so a
 * spreadsheet's formulas survive a language switch), data names (funds) as the API gives
 * them. A part that did not answer is left out rather than written as zero.
 */
export function dashboardRows(metrics: Metrics | null, capital: CapitalCell[] | null): CsvRow[] {
  const rows: CsvRow[] = [];
  if (metrics) {
    rows.push(row('headline', 'governingUnits', String(metrics.governingUnits), 'units'));
    rows.push(row('headline', 'members', String(metrics.members), 'members'));
    if (metrics.capitalCommitted) {
      rows.push(
        row(
          'headline',
          'capitalCommitted',
          metrics.capitalCommitted.amount,
          metrics.capitalCommitted.currency,
        ),
      );
    }
    if (metrics.capitalDisbursed) {
      rows.push(
        row(
          'headline',
          'capitalDisbursed',
          metrics.capitalDisbursed.amount,
          metrics.capitalDisbursed.currency,
        ),
      );
    }
    for (const step of FUNNEL_STEPS) rows.push(row('funnel', step, String(metrics.funnel[step]), 'projects'));
    for (const goal of metrics.goals) {
      rows.push(
        row('goal', goal.label, goal.actual ?? '', goal.unit ?? '', goal.target ?? '', goal.percent ?? ''),
      );
    }
    for (const point of metrics.governingUnitGrowth) {
      rows.push(row('governingUnitGrowth', point.date, String(point.governingUnits), 'units'));
    }
  }
  for (const cell of capital ?? []) {
    rows.push(row('capital', `${cell.fund} / ${cell.stage}`, cell.amount, cell.currency));
  }
  return rows;
}

/**
 * Saves the rows as `alliance-dashboard.csv`: UTF-8 with a byte order mark, so spreadsheet
 * programs read Chinese names right. Papa Parse loads on the first click, not with the page.
 */
export async function downloadCsv(rows: CsvRow[]): Promise<void> {
  const { unparse } = (await import('papaparse')).default;
  const csv = unparse(rows, {
    columns: ['section', 'item', 'value', 'goal', 'percent', 'unit'],
    newline: '\r\n',
  });
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv, '\r\n'], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'alliance-dashboard.csv';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; free it once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

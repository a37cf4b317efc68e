/** The dashboard's parts: the headline figures, the funnel, the council's growth and the capital, each drawn beside its exact figures. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ReactNode } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import type { ApiError } from '../api/client';
import { describeError } from '../api/errors';
import { useLang, useText, type Lang } from '../i18n';
import { groupDigits, toChartNumber } from '../lib/decimal';
import { dashboardText, type DashboardText } from './dashboard.text';
import { FUNNEL_STEPS, STAGES, STAGE_COLOURS, type Metrics, type CapitalCell } from './dashboard-data';

// Only what these charts draw: Chart.js's registry keeps the rest out of the bundle.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

/** A money figure as people read it: the exact digits, grouped, with the currency. */
function money(value: { amount: string; currency: string } | null | undefined, t: DashboardText): string {
  return value ? `${groupDigits(value.amount)} ${value.currency}` : t.notReported;
}

export function Panel({
  title,
  errors,
  requestId,
  children,
}: {
  title: string;
  errors: ApiError[];
  requestId: string | null;
  children: ReactNode;
}) {
  const { lang } = useLang();
  const t = useText(dashboardText);
  const sentences = [...new Set(errors.map((error) => describeError(error, lang, requestId)))];
  return (
    <section className="panel" aria-label={title} data-partial={errors.length > 0}>
      <h2>{title}</h2>
      {sentences.length > 0 && (
        <div role="alert" className="problem">
          <strong>{t.unavailable}:</strong>
          {sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      )}
      {children}
    </section>
  );
}

export function Headline({ m, t }: { m: Metrics; t: DashboardText }) {
  const figures: [string, string][] = [
    [t.governingUnits, String(m.governingUnits)],
    [t.members, String(m.members)],
    [t.capitalCommitted, money(m.capitalCommitted, t)],
    [t.capitalDisbursed, money(m.capitalDisbursed, t)],
  ];
  return (
    <dl className="headline">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Funnel({ funnel, t }: { funnel: Metrics['funnel']; t: DashboardText }) {
  const labels = FUNNEL_STEPS.map((step) => t[step]);
  return (
    <>
      <div className="chart">
        <Bar
          role="img"
          aria-label={t.funnelChart}
          data={{
            labels,
            datasets: [
              {
                label: t.projects,
                data: FUNNEL_STEPS.map((step) => funnel[step]),
                backgroundColor: '#1d3f72',
              },
            ],
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          }}
        />
      </div>
      <Figures
        heads={[t.stage, t.projects]}
        rows={FUNNEL_STEPS.map((step) => ({ key: step, label: t[step], value: funnel[step] }))}
      />
    </>
  );
}

/** A chart's exact figures beside it: one row per label, its count on the right. */
function Figures({
  heads,
  rows,
}: {
  heads: [label: string, value: string];
  rows: { key: string; label: string; value: number }[];
}) {
  return (
    <table className="figures">
      <thead>
        <tr>
          <th scope="col">{heads[0]}</th>
          <th scope="col" className="number">
            {heads[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="number">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Growth({ points, t }: { points: Metrics['governingUnitGrowth']; t: DashboardText }) {
  return (
    <>
      <div className="chart">
        <Line
          role="img"
          aria-label={t.growthChart}
          data={{
            labels: points.map((p) => p.date),
            datasets: [
              {
                label: t.governingUnits,
                data: points.map((p) => p.governingUnits),
                borderColor: '#1d3f72',
                backgroundColor: '#1d3f72',
                stepped: 'before',
              },
            ],
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { y: { ticks: { precision: 0 } } },
          }}
        />
      </div>
      <Figures
        heads={[t.date, t.governingUnits]}
        rows={points.map((p) => ({ key: p.date, label: p.date, value: p.governingUnits }))}
      />
    </>
  );
}

export function Capital({ cells, t, lang }: { cells: CapitalCell[]; t: DashboardText; lang: Lang }) {
  if (cells.length === 0) return <p className="muted">{t.noCapital}</p>;
  const funds = [...new Set(cells.map((c) => c.fund))];
  const stages = STAGES.filter((stage) => cells.some((c) => c.stage === stage));
  return (
    <>
      <p className="muted">{t.capitalNote}</p>
      <div className="chart">
        <Bar
          role="img"
          aria-label={t.capitalChart}
          data={{
            labels: funds,
            datasets: stages.map((stage) => ({
              label: t[stage],
              data: funds.map((fund) =>
                cells
                  .filter((c) => c.fund === fund && c.stage === stage)
                  .reduce((sum, c) => sum + toChartNumber(c.amount), 0),
              ),
              backgroundColor: STAGE_COLOURS[STAGES.indexOf(stage)],
            })),
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            indexAxis: 'y',
            scales: {
              x: {
                stacked: true,
                ticks: {
                  callback: (value) =>
                    new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { notation: 'compact' }).format(
                      Number(value),
                    ),
                },
              },
              y: { stacked: true },
            },
          }}
        />
      </div>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">{t.fund}</th>
            <th scope="col">{t.stage}</th>
            <th scope="col" className="number">
              {t.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={`${c.fund}/${c.stage}/${c.currency}`}>
              <th scope="row">{c.fund}</th>
              <td>{t[c.stage]}</td>
              <td className="number">{money(c, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

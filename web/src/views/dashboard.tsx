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
import { useEffect, useState, type ReactNode } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { request, type ApiError, type ApiResult } from '../api/client';
import { describeError } from '../api/errors';
import { graphql } from '../gql';
import type { DashboardCapitalQuery, DashboardMetricsQuery } from '../gql/graphql';
import { useLang, useText, type Lang } from '../i18n';
import { groupDigits, toChartNumber } from '../lib/decimal';
import { dashboardRows, downloadCsv } from './dashboard-csv';
import { Goals } from './goals';
import './insight.css';

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

const DashboardMetrics = graphql(`
  query DashboardMetrics {
    allianceMetrics {
      governingUnits
      members
      transformationProjects
      keyProjects
      centralSoes
      funnel {
        docked
        evaluated
        proofOfConcept
        pilot
        industrialization
        commercialized
      }
      governingUnitGrowth {
        date
        governingUnits
      }
      capitalCommitted {
        amount
        currency
      }
      capitalDisbursed {
        amount
        currency
      }
      goals {
        label
        measure
        target
        unit
        deadline
        actual
        percent
      }
    }
  }
`);

const DashboardCapital = graphql(`
  query DashboardCapital {
    allianceMetrics {
      capitalByFundAndStage {
        fund {
          name
        }
        stage
        amount {
          amount
          currency
        }
      }
    }
  }
`);

export type Metrics = NonNullable<DashboardMetricsQuery['allianceMetrics']>;
type CapitalRows = NonNullable<
  NonNullable<DashboardCapitalQuery['allianceMetrics']>['capitalByFundAndStage']
>;
export type FunnelStep = keyof Omit<Metrics['funnel'], '__typename'>;
export type InvestmentStage = CapitalRows[number]['stage'];

export const FUNNEL_STEPS: FunnelStep[] = [
  'docked',
  'evaluated',
  'proofOfConcept',
  'pilot',
  'industrialization',
  'commercialized',
];
export const STAGES: InvestmentStage[] = ['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'];
const STAGE_COLOURS = ['#8fb3e0', '#4f86c6', '#1d3f72', '#f0a500'];

/** Capital that binds a fund (committed or paid out), by fund, stage and currency: exact sums. */
export interface CapitalCell {
  fund: string;
  stage: InvestmentStage;
  currency: string;
  amount: string;
}

/** The funds subgraph sums the capital (exactly, in SQL); the view only names the cells. */
export function capitalByFundAndStage(rows: CapitalRows): CapitalCell[] {
  return rows.map((row) => ({
    fund: row.fund.name,
    stage: row.stage,
    currency: row.amount.currency,
    amount: row.amount.amount,
  }));
}

const text = {
  en: {
    title: 'Alliance dashboard',
    loading: 'Loading…',
    download: 'Download CSV',
    governingUnits: 'Governing units',
    members: 'Members',
    capitalCommitted: 'Capital committed',
    capitalDisbursed: 'Capital disbursed',
    funnel: 'Projects by how far they got',
    funnelChart: 'Bar chart of projects by how far they got',
    goals: 'Progress towards its goals',
    growth: 'Governing units over time',
    growthChart: 'Line chart of governing units over time',
    capital: 'Capital committed by fund and stage',
    capitalChart: 'Stacked bar chart of capital committed by fund and stage',
    capitalNote: 'Investments that are committed or disbursed, as far as you may see them.',
    noCapital: 'No capital committed yet.',
    stage: 'Stage',
    projects: 'Projects',
    date: 'Date',
    fund: 'Fund',
    amount: 'Amount',
    unavailable: 'Part of this is missing',
    notReported: 'not reported',
    docked: 'Docked',
    evaluated: 'Evaluated',
    proofOfConcept: 'Proof of concept',
    pilot: 'Pilot',
    industrialization: 'Industrialization',
    commercialized: 'Commercialized',
    PROOF_OF_CONCEPT: 'Proof of concept',
    PILOT: 'Pilot',
    INDUSTRIALIZATION: 'Industrialization',
    GROWTH: 'Growth',
  },
  zh: {
    title: '联盟仪表盘',
    loading: '加载中…',
    download: '下载 CSV',
    governingUnits: '理事单位',
    members: '成员单位',
    capitalCommitted: '已承诺资金',
    capitalDisbursed: '已拨付资金',
    funnel: '项目推进漏斗',
    funnelChart: '项目推进漏斗柱状图',
    goals: '目标完成进度',
    growth: '理事单位增长',
    growthChart: '理事单位增长折线图',
    capital: '各基金分阶段承诺资金',
    capitalChart: '各基金分阶段承诺资金堆叠柱状图',
    capitalNote: '已承诺或已拨付的投资（仅含您有权查看的部分）。',
    noCapital: '尚无承诺资金。',
    stage: '阶段',
    projects: '项目数',
    date: '日期',
    fund: '基金',
    amount: '金额',
    unavailable: '部分数据缺失',
    notReported: '未报告',
    docked: '已对接',
    evaluated: '已评估',
    proofOfConcept: '概念验证',
    pilot: '中试',
    industrialization: '产业化',
    commercialized: '已商业化',
    PROOF_OF_CONCEPT: '概念验证',
    PILOT: '中试',
    INDUSTRIALIZATION: '产业化',
    GROWTH: '成长期',
  },
};

export type DashboardText = typeof text.en;

/** The errors of an answer at `path` or below it. */
function errorsUnder(errors: ApiError[], path: (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((segment, i) => error.path?.[i] === segment));
}

/** A money figure as people read it: the exact digits, grouped, with the currency. */
function money(value: { amount: string; currency: string } | null | undefined, t: DashboardText): string {
  return value ? `${groupDigits(value.amount)} ${value.currency}` : t.notReported;
}

function Panel({
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
  const t = useText(text);
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

/**
 * The alliance's dashboard: the funnel, the targets, the governing council's growth and the
 * funds' capital, each drawn and with its exact figures beside it. Each part shows what its
 * subgraph answered; a part whose subgraph failed is marked and the rest still shows.
 */
export function DashboardView() {
  const t = useText(text);
  const { lang } = useLang();
  const [metrics, setMetrics] = useState<ApiResult<DashboardMetricsQuery> | null>(null);
  const [capital, setCapital] = useState<ApiResult<DashboardCapitalQuery> | null>(null);
  useEffect(() => {
    let live = true;
    // Two requests: `funds` is non-null at the root, so a funds outage must not blank the metrics.
    void request(DashboardMetrics).then((answer) => live && setMetrics(answer));
    void request(DashboardCapital).then((answer) => live && setCapital(answer));
    return () => {
      live = false;
    };
  }, []);

  const m = metrics?.data?.allianceMetrics ?? null;
  const metricErrors = metrics?.errors ?? [];
  const rows = capital?.data?.allianceMetrics?.capitalByFundAndStage;
  const cells = rows ? capitalByFundAndStage(rows) : null;

  return (
    <section className="insight dashboard-view">
      <h1>{t.title}</h1>
      <div className="toolbar">
        <button
          type="button"
          disabled={!metrics || !capital}
          onClick={() => void downloadCsv(dashboardRows(m, cells))}
        >
          {t.download}
        </button>
        {(!metrics || !capital) && <span aria-busy="true">{t.loading}</span>}
      </div>
      {metrics && !m && (
        <Panel title={t.title} errors={metricErrors} requestId={metrics.requestId}>
          {null}
        </Panel>
      )}
      {m && <Headline m={m} t={t} />}
      <div className="dashboard-grid">
        {m && metrics && (
          <>
            <Panel
              title={t.funnel}
              errors={errorsUnder(metricErrors, ['allianceMetrics', 'funnel'])}
              requestId={metrics.requestId}
            >
              <Funnel funnel={m.funnel} t={t} />
            </Panel>
            <Panel
              title={t.goals}
              errors={errorsUnder(metricErrors, ['allianceMetrics', 'goals'])}
              requestId={metrics.requestId}
            >
              <Goals goals={m.goals} label={t.goals} />
            </Panel>
            <Panel
              title={t.growth}
              errors={errorsUnder(metricErrors, ['allianceMetrics', 'governingUnitGrowth'])}
              requestId={metrics.requestId}
            >
              <Growth points={m.governingUnitGrowth} t={t} />
            </Panel>
          </>
        )}
        {capital && (
          <Panel title={t.capital} errors={capital.errors} requestId={capital.requestId}>
            {cells && <Capital cells={cells} t={t} lang={lang} />}
          </Panel>
        )}
      </div>
    </section>
  );
}

function Headline({ m, t }: { m: Metrics; t: DashboardText }) {
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

function Funnel({ funnel, t }: { funnel: Metrics['funnel']; t: DashboardText }) {
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
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">{t.stage}</th>
            <th scope="col" className="number">
              {t.projects}
            </th>
          </tr>
        </thead>
        <tbody>
          {FUNNEL_STEPS.map((step) => (
            <tr key={step}>
              <th scope="row">{t[step]}</th>
              <td className="number">{funnel[step]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Growth({ points, t }: { points: Metrics['governingUnitGrowth']; t: DashboardText }) {
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
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">{t.date}</th>
            <th scope="col" className="number">
              {t.governingUnits}
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <th scope="row">{p.date}</th>
              <td className="number">{p.governingUnits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Capital({ cells, t, lang }: { cells: CapitalCell[]; t: DashboardText; lang: Lang }) {
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

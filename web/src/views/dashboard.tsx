import { useEffect, useState } from 'react';
import { request, type ApiError, type ApiResult } from '../api/client';
import type { DashboardCapitalQuery, DashboardMetricsQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { dashboardRows, downloadCsv } from './dashboard-csv';
import { Goals } from './goals';
import './insight.css';
import { dashboardText } from './dashboard.text';
import { capitalByFundAndStage, DashboardMetrics, DashboardCapital } from './dashboard-data';
import { Capital, Funnel, Growth, Headline, Panel } from './dashboard-parts';

/** The errors of an answer at `path` or below it. */
function errorsUnder(errors: ApiError[], path: (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((segment, i) => error.path?.[i] === segment));
}

/**
 * The alliance's dashboard: the funnel, the targets, the governing council's growth and the
 * funds' capital, each drawn and with its exact figures beside it. Each part shows what its
 * subgraph answered; a part whose subgraph failed is marked and the rest still shows.
 */
export function DashboardView() {
  const t = useText(dashboardText);
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

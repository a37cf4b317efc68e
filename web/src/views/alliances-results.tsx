import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useState, type FormEvent } from 'react';
import { Line } from 'react-chartjs-2';
import { useSearchParams } from 'wouter';
import { Alerts } from '../alerts';
import { request, type ApiResult } from '../api/client';
import { useSession } from '../api/session';
import { graphql } from '../gql';
import type { AllianceResultsQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import type { ComparedAlliance } from './alliances';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const AllianceResultsQueryDocument = graphql(`
  query AllianceResults($from: Int!, $to: Int!) {
    alliances {
      id
      results(fromYear: $from, toYear: $to) {
        year
        projectsDocked
      }
    }
  }
`);

/** The API's bounds of `Alliance.results`: years 1900–2199, at most 20 of them. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const MAX_YEARS = 20;
/** The range shown when the URL names none: the last 10 years, this one included. */
const DEFAULT_YEARS = 10;
const COLOURS = ['#1d3f72', '#f0a500', '#2e8b57', '#b3261e', '#8fb3e0', '#6a4c93'];

const text = {
  en: {
    results: 'Projects docked per year',
    chart: 'Line chart of projects docked per year by each alliance',
    from: 'From year',
    to: 'To year',
    show: 'Show',
    loading: 'Loading…',
    alliance: 'Alliance',
    notYear: 'Enter each year as four digits, e.g. 2019.',
    outOfRange: 'Years go from 1900 to 2199.',
    backwards: 'The last year must not be before the first.',
    tooMany: 'Choose at most 20 years.',
  },
  zh: {
    results: '各年度对接项目数',
    chart: '各联盟各年度对接项目数折线图',
    from: '起始年份',
    to: '截止年份',
    show: '查看',
    loading: '加载中…',
    alliance: '联盟',
    notYear: '年份请填写四位数字，例如 2019。',
    outOfRange: '年份须在 1900 至 2199 之间。',
    backwards: '截止年份不能早于起始年份。',
    tooMany: '最多选择 20 年。',
  },
};

type ResultsText = typeof text.en;

/** This year in China, where the alliances count their years. */
function chinaYear(): number {
  return Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
}

/** The range a person asked for, or why it cannot be asked: nothing is sent for a bad one. */
export function checkRange(
  from: string,
  to: string,
): { from: number; to: number } | { problem: 'notYear' | 'outOfRange' | 'backwards' | 'tooMany' } {
  if (!/^\d{4}$/.test(from.trim()) || !/^\d{4}$/.test(to.trim())) return { problem: 'notYear' };
  const first = Number(from);
  const last = Number(to);
  if ([first, last].some((year) => year < FIRST_YEAR || year > LAST_YEAR)) return { problem: 'outOfRange' };
  if (last < first) return { problem: 'backwards' };
  if (last - first + 1 > MAX_YEARS) return { problem: 'tooMany' };
  return { from: first, to: last };
}

function rangeInUrl(params: URLSearchParams): { from: string; to: string } {
  const year = chinaYear();
  return {
    from: params.get('from') ?? String(year - DEFAULT_YEARS + 1),
    to: params.get('to') ?? String(year),
  };
}

/**
 * What each alliance docked year by year over the range in the URL, drawn and with the same
 * figures in a table; the form refuses a range the API would refuse, before asking.
 */
export function AllianceResults({ alliances }: { alliances: readonly ComparedAlliance[] }) {
  const t = useText(text);
  const { lang } = useLang();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const asked = rangeInUrl(params);
  const range = checkRange(asked.from, asked.to);
  const [from, setFrom] = useState(asked.from);
  const [to, setTo] = useState(asked.to);
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<ApiResult<AllianceResultsQuery> | null>(null);

  // The URL is the truth: the back button or a bookmark sets the form.
  useEffect(() => {
    setFrom(asked.from);
    setTo(asked.to);
    setProblem('problem' in range ? t[range.problem] : null);
  }, [asked.from, asked.to]);

  const years = 'problem' in range ? null : range;
  useEffect(() => {
    if (!years) return;
    let live = true;
    setAnswer(null);
    void request(AllianceResultsQueryDocument, { from: years.from, to: years.to }).then(
      (result) => live && setAnswer(result),
    );
    return () => {
      live = false;
    };
  }, [years?.from, years?.to, session?.token]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const checked = checkRange(from, to);
    if ('problem' in checked) {
      setProblem(t[checked.problem]);
      return;
    }
    setProblem(null);
    const next = new URLSearchParams(params);
    next.set('from', String(checked.from));
    next.set('to', String(checked.to));
    setParams(next);
  };

  const rows = answer?.data?.alliances ?? null;
  const shown = years && rows ? rows : null;
  return (
    <section className="panel" aria-label={t.results}>
      <h2>{t.results}</h2>
      <form className="filters" onSubmit={submit} noValidate>
        <label>
          {t.from}
          <input
            name="from"
            inputMode="numeric"
            value={from}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'years-problem' : undefined}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          {t.to}
          <input
            name="to"
            inputMode="numeric"
            value={to}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'years-problem' : undefined}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button type="submit">{t.show}</button>
      </form>
      {problem && (
        <p id="years-problem" role="alert" className="problem">
          {problem}
        </p>
      )}
      {years && !answer && <p aria-busy="true">{t.loading}</p>}
      {answer && <Alerts errors={answer.errors} requestId={answer.requestId} />}
      {shown && <YearFigures alliances={alliances} rows={shown} t={t} lang={lang} />}
    </section>
  );
}

function YearFigures({
  alliances,
  rows,
  t,
  lang,
}: {
  alliances: readonly ComparedAlliance[];
  rows: AllianceResultsQuery['alliances'];
  t: ResultsText;
  lang: 'en' | 'zh';
}) {
  const names = new Map(
    alliances.map((a) => [a.id, { name: a.name, short: lang === 'zh' && a.nameZh ? a.nameZh : a.name }]),
  );
  const years = rows[0]?.results.map((r) => r.year) ?? [];
  return (
    <>
      <div className="chart">
        <Line
          role="img"
          aria-label={t.chart}
          data={{
            labels: years.map(String),
            datasets: rows.map((row, i) => ({
              label: names.get(row.id)?.short ?? row.id,
              data: row.results.map((r) => r.projectsDocked),
              borderColor: COLOURS[i % COLOURS.length],
              backgroundColor: COLOURS[i % COLOURS.length],
            })),
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          }}
        />
      </div>
      <table className="figures years">
        <thead>
          <tr>
            <th scope="col">{t.alliance}</th>
            {years.map((year) => (
              <th key={year} scope="col" className="number">
                {year}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-alliance={row.id}>
              <th scope="row">{names.get(row.id)?.name ?? row.id}</th>
              {row.results.map((r) => (
                <td key={r.year} className="number">
                  {r.projectsDocked}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

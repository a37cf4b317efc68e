import { useEffect, useState, type ReactNode } from 'react';
import { Alerts } from '../alerts';
import { request, type ApiError, type ApiResult } from '../api/client';
import { useSession } from '../api/session';
import { graphql } from '../gql';
import type { AlliancesComparedQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { groupDigits } from '../lib/decimal';
import { AllianceResults } from './alliances-results';
import { Goals } from './goals';
import './insight.css';

const AlliancesCompared = graphql(`
  query AlliancesCompared {
    alliances {
      id
      name
      nameZh
      kind
      foundedOn
      foundedIn
      memberCount
      projectCount
      funnel {
        pilot
        industrialization
      }
      capitalCommitted {
        amount
        currency
      }
      goals {
        ...AllianceGoalFields
      }
    }
  }
`);

export type ComparedAlliance = AlliancesComparedQuery['alliances'][number];

const text = {
  en: {
    title: 'Alliances compared',
    loading: 'Loading…',
    comparison: 'The alliances side by side',
    alliance: 'Alliance',
    kind: 'Kind',
    founded: 'Founded',
    members: 'Members',
    projects: 'Projects',
    pilot: 'Reaching pilot',
    industrialized: 'Industrialized',
    capital: 'Capital committed',
    notReported: 'not reported',
    goals: 'Goals',
    goalsOf: 'Goals of {name}',
    noGoals: 'This alliance has set no goals.',
    roundedNote:
      'The transaction volume includes the benefits distributed, exact for the alliance’s own secretariat and rounded down to a whole ¥10,000,000 for anyone else.',
    unavailable: 'Part of this is missing',
    TECHNOLOGY_INNOVATION_ALLIANCE: 'Technology innovation alliance',
    INDUSTRIALIZATION_CONSORTIUM: 'Industrialization consortium',
  },
  zh: {
    title: '联盟对比',
    loading: '加载中…',
    comparison: '各联盟对比',
    alliance: '联盟',
    kind: '类型',
    founded: '成立',
    members: '成员单位',
    projects: '项目数',
    pilot: '进入中试',
    industrialized: '已产业化',
    capital: '已承诺资金',
    notReported: '未报告',
    goals: '目标',
    goalsOf: '{name}的目标',
    noGoals: '该联盟尚未设定目标。',
    roundedNote: '交易额含已分配收益：对本联盟秘书处为精确值，对其他人向下取整到 1000 万元。',
    unavailable: '部分数据缺失',
    TECHNOLOGY_INNOVATION_ALLIANCE: '产业技术创新联盟',
    INDUSTRIALIZATION_CONSORTIUM: '成果产业化联合体',
  },
};

export type AlliancesText = typeof text.en;

/** The errors of an answer at `path` or below it. */
function errorsUnder(errors: readonly ApiError[], path: readonly (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((segment, i) => error.path?.[i] === segment));
}

/** A money figure as people read it: the API's exact digits, grouped, with the currency. */
function money(value: { amount: string; currency: string } | null | undefined, t: AlliancesText): string {
  return value ? `${groupDigits(value.amount)} ${value.currency}` : t.notReported;
}

/** An alliance's name in the interface's language (the English name when no Chinese one is recorded). */
export function allianceName(alliance: { name: string; nameZh?: string | null }, lang: 'en' | 'zh'): string {
  return lang === 'zh' && alliance.nameZh ? alliance.nameZh : alliance.name;
}

function Region({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The alliances compared by their results, for a supervisor: one row of figures per
 * alliance, each alliance's goals with how far it has come, and what each produced year by
 * year over a range kept in the URL (`?from=2017&to=2026`).
 */
export function AlliancesView() {
  const t = useText(text);
  const { lang } = useLang();
  const session = useSession();
  const [answer, setAnswer] = useState<ApiResult<AlliancesComparedQuery> | null>(null);
  useEffect(() => {
    let live = true;
    setAnswer(null);
    void request(AlliancesCompared).then((result) => live && setAnswer(result));
    return () => {
      live = false;
    };
  }, [session?.token]);

  const alliances = answer?.data?.alliances ?? null;
  const errors = answer?.errors ?? [];
  return (
    <section className="insight alliances-view">
      <h1>{t.title}</h1>
      {!answer && <p aria-busy="true">{t.loading}</p>}
      {answer && !alliances && <Alerts errors={errors} requestId={answer.requestId} />}
      {alliances && (
        <>
          <Region title={t.comparison}>
            <Alerts errors={errorsUnder(errors, ['alliances'])} requestId={answer?.requestId} />
            <Comparison alliances={alliances} t={t} />
          </Region>
          <AllianceResults alliances={alliances} />
          <h2>{t.goals}</h2>
          <div className="dashboard-grid">
            {alliances.map((alliance, i) => {
              const name = allianceName(alliance, lang);
              const title = t.goalsOf.replace('{name}', name);
              const goalErrors = errorsUnder(errors, ['alliances', i, 'goals']);
              return (
                <section
                  key={alliance.id}
                  className="panel"
                  aria-label={title}
                  data-partial={goalErrors.length > 0}
                >
                  <h3>{name}</h3>
                  {goalErrors.length > 0 && (
                    <div className="problem">
                      <strong>{t.unavailable}:</strong>
                      <Alerts errors={goalErrors} requestId={answer?.requestId} />
                    </div>
                  )}
                  {alliance.goals && alliance.goals.length > 0 ? (
                    <>
                      <Goals goals={alliance.goals} label={title} />
                      {alliance.goals.some((goal) => goal.measure === 'TRANSACTION_VOLUME') && (
                        <p className="muted">{t.roundedNote}</p>
                      )}
                    </>
                  ) : (
                    alliance.goals && <p className="muted">{t.noGoals}</p>
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}

function Comparison({ alliances, t }: { alliances: readonly ComparedAlliance[]; t: AlliancesText }) {
  return (
    <table className="figures comparison">
      <thead>
        <tr>
          <th scope="col">{t.alliance}</th>
          <th scope="col">{t.kind}</th>
          <th scope="col">{t.founded}</th>
          <th scope="col" className="number">
            {t.members}
          </th>
          <th scope="col" className="number">
            {t.projects}
          </th>
          <th scope="col" className="number">
            {t.pilot}
          </th>
          <th scope="col" className="number">
            {t.industrialized}
          </th>
          <th scope="col" className="number">
            {t.capital}
          </th>
        </tr>
      </thead>
      <tbody>
        {alliances.map((alliance) => (
          <tr key={alliance.id} data-alliance={alliance.id}>
            <th scope="row">
              {alliance.name}
              {alliance.nameZh && (
                <>
                  <br />
                  <span lang="zh-CN" className="muted">
                    {alliance.nameZh}
                  </span>
                </>
              )}
            </th>
            <td>{t[alliance.kind]}</td>
            <td>
              {alliance.foundedOn}
              <br />
              <span className="muted">{alliance.foundedIn}</span>
            </td>
            <td className="number">{alliance.memberCount}</td>
            <td className="number">{alliance.projectCount}</td>
            <td className="number">{alliance.funnel.pilot}</td>
            <td className="number">{alliance.funnel.industrialization}</td>
            <td className="number">{money(alliance.capitalCommitted, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An enterprise's technology demands, each with the achievements that match it. */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { request, type ApiError, type ApiResult } from '../api/client';
import { describeError } from '../api/errors';
import type { EnterpriseDemandsQuery, SearchChoicesQuery } from '../gql/graphql';
import { useLang, type Lang } from '../i18n';
import { groupDigits } from '../lib/decimal';
import { Highlight } from '../lib/highlight';
import { EnterpriseDemands } from './search.operations';
import type { Text } from './search.text';
import { Problems } from './search-problems';
import { ProjectLinks } from './search-achievements';

type Demand = NonNullable<EnterpriseDemandsQuery['enterprise']>['demands'][number];

/** The part of an answer's errors at `path` or below it. */
function errorsUnder(errors: ApiError[], path: (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((segment, i) => error.path?.[i] === segment));
}

export function Demands({ t, choices }: { t: Text; choices: ApiResult<SearchChoicesQuery> | null }) {
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const enterpriseId = params.get('enterprise') ?? '';
  const [result, setResult] = useState<ApiResult<EnterpriseDemandsQuery> | null>(null);

  useEffect(() => {
    setResult(null);
    if (!enterpriseId) return undefined;
    let live = true;
    void request(EnterpriseDemands, { id: enterpriseId }).then((answer) => live && setResult(answer));
    return () => {
      live = false;
    };
  }, [enterpriseId]);

  const enterprise = result?.data?.enterprise;
  return (
    <>
      <div className="filters">
        <label>
          {t.enterprise}
          <select
            value={enterpriseId}
            onChange={(event) =>
              setParams({ tab: 'demands', ...(event.target.value ? { enterprise: event.target.value } : {}) })
            }
          >
            <option value="">{t.pickEnterprise}</option>
            {choices?.data?.enterprises?.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {choices && <Problems result={choices} lang={lang} />}
      {!enterpriseId && <p>{t.pickPrompt}</p>}
      {enterpriseId && !result && <p aria-busy="true">{t.loading}</p>}
      {result && !result.data?.enterprise && result.errors.length === 0 && (
        <p role="alert">{t.unknownEnterprise}</p>
      )}
      {result && result.errors.length > 0 && !enterprise && <Problems result={result} lang={lang} />}
      {enterprise && (
        <>
          <h2>{enterprise.name}</h2>
          {enterprise.demands.length === 0 && <p>{t.noDemands}</p>}
          <ol className="results" aria-label={t.demandsTab}>
            {enterprise.demands.map((demand, index) => (
              <li key={demand.id} className="card">
                <DemandCard
                  demand={demand}
                  t={t}
                  lang={lang}
                  errors={errorsUnder(result.errors, [
                    'enterprise',
                    'demands',
                    index,
                    'candidateAchievements',
                  ])}
                  requestId={result.requestId}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function DemandCard({
  demand,
  t,
  lang,
  errors,
  requestId,
}: {
  demand: Demand;
  t: Text;
  lang: Lang;
  errors: ApiError[];
  requestId: string | null;
}) {
  const headingId = `demand-${demand.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>{demand.title}</h3>
      <p className="meta">
        <span className="badge">{t[demand.status]}</span>
        <span>
          {t.demandField} {demand.ipcCode}
        </span>
        <span>
          {t.minimum} {demand.minTrl}
        </span>
        <span>
          {t.budget}:{' '}
          {demand.budget ? `${groupDigits(demand.budget.amount)} ${demand.budget.currency}` : t.noBudget}
        </span>
        {demand.deadline && (
          <span>
            {t.deadline} {demand.deadline}
          </span>
        )}
      </p>
      <p className="keywords">
        {t.keywords}: {demand.keywords.join(', ')}
      </p>
      <h4>{t.candidates}</h4>
      {demand.candidateAchievements === null || errors.length > 0 ? (
        <p role="alert" className="problem">
          {t.candidatesMissing}: {describeError(errors[0] ?? { message: '' }, lang, requestId)}
        </p>
      ) : demand.candidateAchievements.length === 0 ? (
        <p className="muted">{t.noCandidates}</p>
      ) : (
        <ol className="candidates">
          {demand.candidateAchievements.map((candidate) => (
            <li key={candidate.achievement.id}>
              <p className="candidate-head">
                <strong className="score" aria-label={`${t.score} ${candidate.score}`}>
                  {candidate.score.toFixed(2)}
                </strong>{' '}
                <Link href={`/search?q=${encodeURIComponent(candidate.achievement.title)}`}>
                  <Highlight text={candidate.achievement.title} terms={candidate.matchedKeywords} />
                </Link>{' '}
                <span className="muted">
                  {candidate.achievement.institute.shortName ?? candidate.achievement.institute.name} ·{' '}
                  {t.trl} {candidate.achievement.trl} · {t.field}: {t[candidate.fieldMatch]}
                  {candidate.matchedKeywords.length > 0 &&
                    ` · ${t.matched}: ${candidate.matchedKeywords.join(', ')}`}
                </span>
              </p>
              <ul className="reasons">
                {candidate.reasons.map((reason) => (
                  <li key={reason.kind}>{reason.detail}</li>
                ))}
              </ul>
              <ProjectLinks projects={candidate.achievement.projects} t={t} />
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

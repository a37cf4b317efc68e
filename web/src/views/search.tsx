import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { request, type ApiError, type ApiResult } from '../api/client';
import { describeError } from '../api/errors';
import { graphql } from '../gql';
import type {
  AchievementFilter,
  EnterpriseDemandsQuery,
  SearchAchievementsQuery,
  SearchChoicesQuery,
} from '../gql/graphql';
import { useLang, useText, type Lang } from '../i18n';
import { groupDigits } from '../lib/decimal';
import { Highlight, queryTerms } from '../lib/highlight';
import './insight.css';

const SearchChoices = graphql(`
  query SearchChoices {
    institutes {
      id
      name
      shortName
    }
    enterprises(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const SearchAchievements = graphql(`
  query SearchAchievements($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {
    searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        relevance
        node {
          id
          title
          summary
          keywords
          ipcCodes
          trl
          visibility
          institute {
            name
            shortName
          }
          projects {
            id
            code
            title
          }
        }
      }
    }
  }
`);

const EnterpriseDemands = graphql(`
  query EnterpriseDemands($id: ID!) {
    enterprise(id: $id) {
      id
      name
      demands(first: 20) {
        id
        title
        ipcCode
        keywords
        minTrl
        status
        deadline
        budget {
          amount
          currency
        }
        candidateAchievements(first: 5) {
          score
          fieldMatch
          matchedKeywords
          reasons {
            kind
            detail
          }
          achievement {
            id
            title
            trl
            institute {
              shortName
              name
            }
            projects {
              id
              code
              title
            }
          }
        }
      }
    }
  }
`);

const text = {
  en: {
    title: 'Search and matching',
    achievementsTab: 'Achievements',
    demandsTab: 'Technology demands',
    query: 'Words to look for',
    queryHint: 'e.g. methanol, "adhesive film", film -packaging, photoresist or lithography',
    minTrl: 'Lowest TRL',
    anyTrl: 'any',
    ipc: 'Technical field (IPC prefix)',
    ipcHint: 'e.g. C08 or C08J 5/',
    institute: 'Institute',
    anyInstitute: 'all institutes',
    submit: 'Search',
    prompt: 'Type words to search the institutes’ achievements.',
    searching: 'Searching…',
    results: 'results',
    none: 'No achievement matches.',
    relevance: 'relevance',
    trl: 'TRL',
    keywords: 'Keywords',
    projects: 'Projects',
    noProjects: 'No project transforms it yet.',
    more: 'more',
    showMore: 'Show more results',
    members: 'members only',
    confidential: 'confidential',
    enterprise: 'Enterprise',
    pickEnterprise: 'choose an enterprise',
    pickPrompt:
      'Choose an enterprise to see its technology demands and the achievements that could meet them.',
    loading: 'Loading…',
    noDemands: 'This enterprise has posted no technology demands.',
    demandField: 'Field',
    minimum: 'minimum TRL',
    budget: 'Budget',
    deadline: 'Deadline',
    noBudget: 'no budget named',
    candidates: 'Candidate achievements, best first',
    noCandidates: 'No achievement meets this demand yet.',
    candidatesMissing: 'Candidates could not be loaded',
    score: 'score',
    field: 'field',
    matched: 'matched',
    unknownEnterprise: 'No such enterprise.',
    EXACT: 'the wanted field',
    MAIN_GROUP: 'same main group',
    SUBCLASS: 'same subclass',
    CLASS: 'same class',
    NONE: 'another field',
    OPEN: 'open',
    IN_DOCKING: 'in docking',
    MATCHED: 'matched',
    CLOSED: 'closed',
  },
  zh: {
    title: '检索与匹配',
    achievementsTab: '科技成果',
    demandsTab: '技术需求',
    query: '检索词',
    queryHint: '例如 methanol、"adhesive film"、film -packaging、photoresist or lithography',
    minTrl: '最低技术成熟度',
    anyTrl: '不限',
    ipc: '技术领域（IPC 前缀）',
    ipcHint: '例如 C08 或 C08J 5/',
    institute: '研究所',
    anyInstitute: '全部研究所',
    submit: '检索',
    prompt: '输入检索词，检索各研究所的科技成果。',
    searching: '检索中…',
    results: '条结果',
    none: '没有匹配的成果。',
    relevance: '相关度',
    trl: 'TRL',
    keywords: '关键词',
    projects: '转化项目',
    noProjects: '尚无转化项目。',
    more: '更多',
    showMore: '显示更多结果',
    members: '仅限成员',
    confidential: '保密',
    enterprise: '企业',
    pickEnterprise: '请选择企业',
    pickPrompt: '选择一家企业，查看其技术需求及可满足需求的科技成果。',
    loading: '加载中…',
    noDemands: '该企业尚未发布技术需求。',
    demandField: '领域',
    minimum: '最低 TRL',
    budget: '预算',
    deadline: '截止日期',
    noBudget: '未列预算',
    candidates: '候选成果（按匹配度排序）',
    noCandidates: '暂无满足该需求的成果。',
    candidatesMissing: '候选成果未能加载',
    score: '匹配度',
    field: '领域',
    matched: '匹配',
    unknownEnterprise: '没有该企业。',
    EXACT: '领域一致',
    MAIN_GROUP: '同一大组',
    SUBCLASS: '同一小类',
    CLASS: '同一大类',
    NONE: '其他领域',
    OPEN: '征集中',
    IN_DOCKING: '对接中',
    MATCHED: '已匹配',
    CLOSED: '已关闭',
  },
};

type Text = typeof text.en;

/** Search and matching: the institutes' achievements and the enterprises' demands, state in the URL. */
export function SearchView() {
  const t = useText(text);
  const [params] = useSearchParams();
  const tab = params.get('tab') === 'demands' ? 'demands' : 'achievements';
  const [choices, setChoices] = useState<ApiResult<SearchChoicesQuery> | null>(null);
  useEffect(() => {
    let live = true;
    void request(SearchChoices).then((result) => live && setChoices(result));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="insight search-view">
      <h1>{t.title}</h1>
      <nav className="tabs" aria-label={t.title}>
        <Link href="/search" aria-current={tab === 'achievements' ? 'page' : undefined}>
          {t.achievementsTab}
        </Link>
        <Link href="/search?tab=demands" aria-current={tab === 'demands' ? 'page' : undefined}>
          {t.demandsTab}
        </Link>
      </nav>
      {tab === 'achievements' ? (
        <AchievementSearch t={t} choices={choices} />
      ) : (
        <Demands t={t} choices={choices} />
      )}
    </section>
  );
}

function Problems({ result, lang }: { result: ApiResult<unknown>; lang: Lang }) {
  if (result.errors.length === 0) return null;
  const sentences = [...new Set(result.errors.map((error) => describeError(error, lang, result.requestId)))];
  return (
    <div role="alert" className="problem">
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}

function filterOf(trl: string, ipc: string, institute: string): AchievementFilter {
  return {
    ...(trl ? { minTrl: Number(trl) } : {}),
    ...(ipc ? { ipcPrefix: ipc } : {}),
    ...(institute ? { instituteId: institute } : {}),
  };
}

function AchievementSearch({ t, choices }: { t: Text; choices: ApiResult<SearchChoicesQuery> | null }) {
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const trl = params.get('trl') ?? '';
  const ipc = params.get('ipc') ?? '';
  const institute = params.get('institute') ?? '';
  const [draft, setDraft] = useState({ q, ipc });
  const [result, setResult] = useState<ApiResult<SearchAchievementsQuery> | null>(null);
  const [pages, setPages] = useState<NonNullable<SearchAchievementsQuery['searchAchievements']>['edges'][]>(
    [],
  );
  const [loading, setLoading] = useState(false);

  // The URL is the state: back, forward and a shared link all show the same search.
  useEffect(() => setDraft({ q, ipc }), [q, ipc]);

  const filter = filterOf(trl, ipc, institute);

  useEffect(() => {
    setPages([]);
    setResult(null);
    if (!q.trim()) return undefined;
    let live = true;
    setLoading(true);
    void request(SearchAchievements, { query: q, filter: filterOf(trl, ipc, institute), first: 20 }).then(
      (answer) => {
        if (!live) return;
        setLoading(false);
        setResult(answer);
        setPages(answer.data?.searchAchievements ? [answer.data.searchAchievements.edges] : []);
      },
    );
    return () => {
      live = false;
    };
  }, [q, trl, ipc, institute]);

  const update = (changes: Record<string, string>): void => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value.trim()) next.set(key, value.trim());
      else next.delete(key);
    }
    setParams(next);
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    update({ q: draft.q, ipc: draft.ipc });
  };
  const showMore = async (): Promise<void> => {
    const after = result?.data?.searchAchievements?.pageInfo.endCursor;
    if (!after) return;
    setLoading(true);
    const answer = await request(SearchAchievements, { query: q, filter, first: 20, after });
    setLoading(false);
    setResult(answer);
    const more = answer.data?.searchAchievements?.edges;
    if (more) setPages((before) => [...before, more]);
  };

  const terms = queryTerms(q);
  const edges = pages.flat();
  const connection = result?.data?.searchAchievements;
  return (
    <>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          {t.query}
          <input
            type="search"
            name="q"
            value={draft.q}
            placeholder={t.queryHint}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
        </label>
        <label>
          {t.minTrl}
          <select name="trl" value={trl} onChange={(event) => update({ trl: event.target.value })}>
            <option value="">{t.anyTrl}</option>
            {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => (
              <option key={level} value={level}>
                ≥ {level}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.ipc}
          <input
            name="ipc"
            value={draft.ipc}
            placeholder={t.ipcHint}
            onChange={(event) => setDraft({ ...draft, ipc: event.target.value })}
          />
        </label>
        <label>
          {t.institute}
          <select
            name="institute"
            value={institute}
            onChange={(event) => update({ institute: event.target.value })}
          >
            <option value="">{t.anyInstitute}</option>
            {choices?.data?.institutes?.map((option) => (
              <option key={option.id} value={option.id}>
                {option.shortName ? `${option.shortName} · ${option.name}` : option.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t.submit}</button>
      </form>
      {choices && <Problems result={choices} lang={lang} />}
      {!q.trim() && <p>{t.prompt}</p>}
      {result && <Problems result={result} lang={lang} />}
      <div aria-live="polite" className="status">
        {loading && <p aria-busy="true">{t.searching}</p>}
        {connection && !loading && (
          <p>
            {connection.totalCount} {t.results}
          </p>
        )}
      </div>
      {connection && connection.totalCount === 0 && <p>{t.none}</p>}
      {edges.length > 0 && (
        <ol className="results" aria-label={t.achievementsTab}>
          {edges.map(({ node, relevance }) => (
            <li key={node.id} className="card">
              <article aria-labelledby={`achievement-${node.id}`}>
                <h2 id={`achievement-${node.id}`}>
                  <Highlight text={node.title} terms={terms} />
                </h2>
                <p className="meta">
                  <span>{node.institute.shortName ?? node.institute.name}</span>
                  <span>
                    {t.trl} {node.trl}
                  </span>
                  <span>{node.ipcCodes.join(', ')}</span>
                  <span>
                    {t.relevance} {relevance.toFixed(4)}
                  </span>
                  {node.visibility !== 'PUBLIC' && (
                    <span className="badge">
                      {node.visibility === 'MEMBERS' ? t.members : t.confidential}
                    </span>
                  )}
                </p>
                <p>
                  <Highlight text={node.summary} terms={terms} />
                </p>
                <p className="keywords">
                  {t.keywords}:{' '}
                  {node.keywords.map((keyword, i) => (
                    <span key={keyword}>
                      {i > 0 && ', '}
                      <Highlight text={keyword} terms={terms} />
                    </span>
                  ))}
                </p>
                <ProjectLinks projects={node.projects} t={t} />
              </article>
            </li>
          ))}
        </ol>
      )}
      {connection?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void showMore()} disabled={loading}>
          {t.showMore}
        </button>
      )}
    </>
  );
}

const SHOWN_PROJECTS = 3;

function ProjectLinks({
  projects,
  t,
}: {
  /** Null when the alliance subgraph did not answer: nothing is said rather than "no projects". */
  projects: { id: string; code: string; title: string }[] | null;
  t: Text;
}) {
  if (projects === null) return null;
  if (projects.length === 0) return <p className="muted">{t.noProjects}</p>;
  return (
    <p className="projects">
      {t.projects}:{' '}
      {projects.slice(0, SHOWN_PROJECTS).map((project, i) => (
        <span key={project.id}>
          {i > 0 && '; '}
          <Link href={`/projects/${encodeURIComponent(project.id)}`}>
            {project.code} {project.title}
          </Link>
        </span>
      ))}
      {projects.length > SHOWN_PROJECTS && ` (+${projects.length - SHOWN_PROJECTS} ${t.more})`}
    </p>
  );
}

type Demand = NonNullable<EnterpriseDemandsQuery['enterprise']>['demands'][number];

/** The part of an answer's errors at `path` or below it. */
function errorsUnder(errors: ApiError[], path: (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((segment, i) => error.path?.[i] === segment));
}

function Demands({ t, choices }: { t: Text; choices: ApiResult<SearchChoicesQuery> | null }) {
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

/** The achievements' search: full text, TRL, IPC and institute, state in the URL. */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { request, type ApiResult } from '../api/client';
import type { AchievementFilter, SearchAchievementsQuery, SearchChoicesQuery } from '../gql/graphql';
import { useLang } from '../i18n';
import { Highlight, queryTerms } from '../lib/highlight';
import { SearchAchievements } from './search.operations';
import type { Text } from './search.text';
import { Problems } from './search-problems';

function filterOf(trl: string, ipc: string, institute: string): AchievementFilter {
  return {
    ...(trl ? { minTrl: Number(trl) } : {}),
    ...(ipc ? { ipcPrefix: ipc } : {}),
    ...(institute ? { instituteId: institute } : {}),
  };
}

export function AchievementSearch({
  t,
  choices,
}: {
  t: Text;
  choices: ApiResult<SearchChoicesQuery> | null;
}) {
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
            {connection.totalCountIsExact ? '' : `${t.atLeast} `}
            {connection.totalCount} {t.results}
            {!connection.totalCountIsExact && <span className="hint"> {t.refine}</span>}
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

export function ProjectLinks({
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

import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { request, type ApiError, type ApiResult } from '../api/client';
import { errorsToAnnounce } from '../api/errors';
import { useSession } from '../api/session';
import { useViewer } from '../api/viewer';
import { Alerts } from '../alerts';
import {
  FOLDED_STAGES,
  PIPELINE_STAGES,
  chinaDay,
  formatMoney,
  stageName,
  type Stage,
  ALL_STAGES,
} from '../format';
import type {
  BoardCardFragment,
  BoardColumnFragment,
  BoardColumnsQueryVariables,
  BoardExportQuery,
  BoardFilterOptionsQuery,
  ProjectFilter,
  ProjectOrder,
} from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { BoardColumnPage, BoardColumns, BoardExport, BoardFilterOptions } from './board.operations';
import './board.css';

const text = {
  en: {
    heading: 'Project pipeline',
    filters: 'Filters',
    stages: 'Stages',
    alliance: 'Alliance',
    institute: 'Institute',
    enterprise: 'Lead enterprise',
    pilotBase: 'Pilot base',
    fund: 'Fund',
    any: 'Any',
    keyProject: 'Key project',
    keyOnly: 'Key projects only',
    keyNot: 'Other projects only',
    dockedFrom: 'Docked from',
    dockedTo: 'Docked until',
    search: 'Code or title',
    apply: 'Search',
    clear: 'Clear filters',
    order: 'Order',
    newest: 'Newest docked first',
    oldest: 'Oldest docked first',
    recentlyMoved: 'Recently moved first',
    byCode: 'By code',
    byTitle: 'By title',
    loading: 'Loading…',
    empty: 'No projects',
    loadMore: 'Load more',
    of: 'of',
    achievement: 'Achievement',
    trl: 'TRL',
    invested: 'Invested',
    nextRun: 'Next pilot run',
    none: 'none',
    membersOnly: 'visible to members',
    hidden: 'not visible to you',
    key: 'Key project',
    setAside: 'On hold and terminated',
    exportCsv: 'Download CSV',
    exporting: 'Preparing CSV…',
    tooMany: 'The board matches {n} projects; a CSV holds at most {max}. Narrow the filters first.',
    exported: 'CSV with {n} projects downloaded.',
    retry: 'Try again',
  },
  zh: {
    heading: '项目看板',
    filters: '筛选',
    stages: '阶段',
    alliance: '联盟',
    institute: '研究所',
    enterprise: '牵头企业',
    pilotBase: '中试基地',
    fund: '基金',
    any: '全部',
    keyProject: '重点项目',
    keyOnly: '仅重点项目',
    keyNot: '仅非重点项目',
    dockedFrom: '对接起始日',
    dockedTo: '对接截止日',
    search: '编号或名称',
    apply: '搜索',
    clear: '清除筛选',
    order: '排序',
    newest: '最新对接在前',
    oldest: '最早对接在前',
    recentlyMoved: '最近变更阶段在前',
    byCode: '按编号',
    byTitle: '按名称',
    loading: '加载中…',
    empty: '暂无项目',
    loadMore: '加载更多',
    of: '/',
    achievement: '成果',
    trl: '技术成熟度',
    invested: '已投资',
    nextRun: '下次中试',
    none: '无',
    membersOnly: '仅成员可见',
    hidden: '您无权查看',
    key: '重点项目',
    setAside: '暂停与终止',
    exportCsv: '下载 CSV',
    exporting: '正在生成 CSV…',
    tooMany: '当前筛选共有 {n} 个项目，CSV 最多 {max} 个，请先缩小筛选范围。',
    exported: '已下载包含 {n} 个项目的 CSV。',
    retry: '重试',
  },
};

/** Cards per column and per "Load more". */
const PAGE = 20;
/** The most projects one CSV export pages through (100 per request). */
export const EXPORT_LIMIT = 5000;

const ORDERS = {
  newest: { field: 'DOCKED_AT', direction: 'DESC' },
  oldest: { field: 'DOCKED_AT', direction: 'ASC' },
  moved: { field: 'STAGE_CHANGED_AT', direction: 'DESC' },
  code: { field: 'CODE', direction: 'ASC' },
  title: { field: 'TITLE', direction: 'ASC' },
} satisfies Record<string, ProjectOrder>;
type OrderName = keyof typeof ORDERS;

/** Whether `value` names one of the board's orders (own keys only: `?order=toString` is none). */
function isOrderName(value: string): value is OrderName {
  return Object.hasOwn(ORDERS, value);
}

/** The board's state as the URL holds it: every filter and the order, bookmarkable. */
interface BoardQuery {
  stages: Stage[];
  alliance: string;
  institute: string;
  enterprise: string;
  base: string;
  fund: string;
  key: '' | 'yes' | 'no';
  from: string;
  to: string;
  q: string;
  order: OrderName;
}

function readQuery(params: URLSearchParams): BoardQuery {
  const key = params.get('key');
  const order = params.get('order') ?? 'newest';
  return {
    stages: (params.get('stages') ?? '')
      .split(',')
      .filter((s): s is Stage => (ALL_STAGES as readonly string[]).includes(s)),
    alliance: params.get('alliance') ?? '',
    institute: params.get('institute') ?? '',
    enterprise: params.get('enterprise') ?? '',
    base: params.get('base') ?? '',
    fund: params.get('fund') ?? '',
    key: key === 'yes' || key === 'no' ? key : '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    q: params.get('q') ?? '',
    order: isOrderName(order) ? order : 'newest',
  };
}

function writeQuery(query: BoardQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.stages.length) params.set('stages', query.stages.join(','));
  for (const name of [
    'alliance',
    'institute',
    'enterprise',
    'base',
    'fund',
    'key',
    'from',
    'to',
    'q',
  ] as const) {
    if (query[name]) params.set(name, query[name]);
  }
  if (query.order !== 'newest') params.set('order', query.order);
  return params;
}

/** The API's filter for the board's query, without the stage (each column adds its own). */
function projectFilter(query: BoardQuery): ProjectFilter {
  const filter: ProjectFilter = {};
  if (query.alliance) filter.allianceIds = [query.alliance];
  if (query.institute) filter.instituteIds = [query.institute];
  if (query.enterprise) filter.leadEnterpriseIds = [query.enterprise];
  if (query.base) filter.pilotBaseIds = [query.base];
  if (query.fund) filter.fundIds = [query.fund];
  if (query.key) filter.keyProject = query.key === 'yes';
  if (query.from) filter.dockedFrom = query.from;
  if (query.to) filter.dockedTo = query.to;
  if (query.q.trim()) filter.text = query.q.trim();
  return filter;
}

const isFolded = (stage: Stage): boolean => (FOLDED_STAGES as readonly Stage[]).includes(stage);

/** A column's filter: the board's, narrowed to the column's stage. */
const columnFilter = (filter: ProjectFilter, stage: Stage): ProjectFilter => ({ ...filter, stages: [stage] });

/** The stages the board shows: the ones asked for, or all of them. */
const shownStages = (query: BoardQuery): Stage[] => (query.stages.length ? query.stages : [...ALL_STAGES]);

const ALIASES = {
  DOCKING: 'docking',
  EVALUATION: 'evaluation',
  PROOF_OF_CONCEPT: 'proofOfConcept',
  PILOT: 'pilot',
  INDUSTRIALIZATION: 'industrialization',
  COMMERCIALIZED: 'commercialized',
  ON_HOLD: 'onHold',
  TERMINATED: 'terminated',
} as const satisfies Record<Stage, string>;

const INCLUDE = {
  DOCKING: 'withDocking',
  EVALUATION: 'withEvaluation',
  PROOF_OF_CONCEPT: 'withProofOfConcept',
  PILOT: 'withPilot',
  INDUSTRIALIZATION: 'withIndustrialization',
  COMMERCIALIZED: 'withCommercialized',
  ON_HOLD: 'withOnHold',
  TERMINATED: 'withTerminated',
} as const satisfies Record<Stage, keyof BoardColumnsQueryVariables>;

/** One column as the board holds it. */
interface Column {
  totalCount: number | null;
  cards: BoardCardFragment[];
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  errors: ApiError[];
  requestId: string | null;
}

const emptyColumn = (loading: boolean): Column => ({
  totalCount: null,
  cards: [],
  endCursor: null,
  hasNextPage: false,
  loading,
  errors: [],
  requestId: null,
});

function fromConnection(connection: BoardColumnFragment | null | undefined): Partial<Column> {
  if (!connection) return {};
  return {
    totalCount: connection.totalCount,
    cards: connection.edges.map((e) => e.node),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}

/** The pipeline board: one column per stage, filters and order in the URL. */
export function BoardView() {
  const t = useText(text);
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const filter = useMemo(() => projectFilter(query), [query]);
  const orderBy = ORDERS[query.order];
  const stages = shownStages(query);
  const pipeline = PIPELINE_STAGES.filter((s) => stages.includes(s));
  const folded = FOLDED_STAGES.filter((s) => stages.includes(s));

  const [columns, setColumns] = useState<Partial<Record<Stage, Column>>>({});
  const [topErrors, setTopErrors] = useState<{ errors: ApiError[]; requestId: string | null }>({
    errors: [],
    requestId: null,
  });
  // Open when the URL asks for a folded stage by name.
  const [foldedOpen, setFoldedOpen] = useState(() => query.stages.some((s) => isFolded(s)));
  const foldedOpenNow = useRef(foldedOpen);
  foldedOpenNow.current = foldedOpen;
  /** Bumped for every new URL: pages asked for under an older one are dropped. */
  const generation = useRef(0);
  const [attempt, setAttempt] = useState(0);
  // A member sees more than the public: signing in or out asks again.
  const session = useSession();
  const key = JSON.stringify([filter, orderBy, stages, attempt, session?.token ?? null]);

  useEffect(() => {
    let current = true;
    generation.current += 1;
    const shown = shownStages(query);
    setColumns(Object.fromEntries(shown.map((s) => [s, emptyColumn(true)])));
    const variables = {
      orderBy,
      first: PAGE,
      ...Object.fromEntries(ALL_STAGES.map((s) => [ALIASES[s], columnFilter(filter, s)])),
      ...Object.fromEntries(ALL_STAGES.map((s) => [INCLUDE[s], shown.includes(s)])),
    } as BoardColumnsQueryVariables;
    void request(BoardColumns, variables).then((result) => {
      if (!current) return;
      setTopErrors({ errors: errorsToAnnounce(result.errors), requestId: result.requestId });
      setColumns(
        Object.fromEntries(
          shown.map((s) => {
            const data = result.data?.[ALIASES[s]];
            return [
              s,
              {
                ...emptyColumn(false),
                ...(data && 'edges' in data ? fromConnection(data) : {}),
                totalCount: data?.totalCount ?? null,
              },
            ];
          }),
        ),
      );
      if (foldedOpenNow.current) {
        for (const s of shown.filter(isFolded)) {
          if (result.data?.[ALIASES[s]]?.totalCount) void loadPage(s, null);
        }
      }
    });
    return () => {
      current = false;
    };
    // `key` stands for filter, order, stages, retries and the session: each reloads the board.
  }, [key]);

  async function loadPage(stage: Stage, after: string | null): Promise<void> {
    const asked = generation.current;
    setColumns((all) => ({ ...all, [stage]: { ...(all[stage] ?? emptyColumn(true)), loading: true } }));
    const result = await request(BoardColumnPage, {
      filter: columnFilter(filter, stage),
      orderBy,
      first: PAGE,
      after,
    });
    if (asked !== generation.current) return;
    setColumns((all) => {
      const before = all[stage] ?? emptyColumn(false);
      const page = fromConnection(result.data?.projects);
      return {
        ...all,
        [stage]: {
          ...before,
          ...page,
          cards: after ? [...before.cards, ...(page.cards ?? [])] : (page.cards ?? []),
          loading: false,
          errors: errorsToAnnounce(result.errors),
          requestId: result.requestId,
        },
      };
    });
  }

  const openFolded = (open: boolean): void => {
    setFoldedOpen(open);
    if (!open) return;
    for (const stage of folded) {
      if (!columns[stage]?.cards.length && columns[stage]?.totalCount !== 0) void loadPage(stage, null);
    }
  };

  const update = (change: Partial<BoardQuery>): void => setParams(writeQuery({ ...query, ...change }));

  return (
    <section className="board" aria-labelledby="board-heading">
      <div className="board-head">
        <h1 id="board-heading">{t.heading}</h1>
        <BoardExportButton filter={filter} orderBy={orderBy} stages={stages} />
      </div>
      <BoardFilters query={query} onChange={update} onClear={() => setParams(new URLSearchParams())} />
      <Alerts errors={topErrors.errors} requestId={topErrors.requestId} />
      {topErrors.errors.length > 0 && (
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      )}
      <div className="columns">
        {pipeline.map((stage) => (
          <StageColumn
            key={stage}
            stage={stage}
            column={columns[stage]}
            onMore={(after) => void loadPage(stage, after)}
          />
        ))}
      </div>
      {folded.length > 0 && (
        <details className="folded" open={foldedOpen} onToggle={(e) => openFolded(e.currentTarget.open)}>
          <summary>
            {t.setAside} (
            {folded.map((s) => `${stageName(s, lang)} ${columns[s]?.totalCount ?? '…'}`).join(' · ')})
          </summary>
          <div className="columns">
            {folded.map((stage) => (
              <StageColumn
                key={stage}
                stage={stage}
                column={columns[stage]}
                onMore={(after) => void loadPage(stage, after)}
              />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}

function useStageName(stage: string): string {
  const { lang } = useLang();
  return stageName(stage, lang);
}

function StageColumn({
  stage,
  column,
  onMore,
}: {
  stage: Stage;
  column: Column | undefined;
  onMore: (after: string | null) => void;
}) {
  const t = useText(text);
  const name = useStageName(stage);
  const headingId = `column-${stage}`;
  const shown = column?.cards.length ?? 0;
  return (
    <section className="column" aria-labelledby={headingId} aria-busy={column?.loading ?? true}>
      <h2 id={headingId}>
        {name} <span className="count">{column?.totalCount ?? '…'}</span>
      </h2>
      <Alerts errors={column?.errors ?? []} requestId={column?.requestId} />
      {!column || (column.loading && !shown) ? (
        <p className="muted">{t.loading}</p>
      ) : shown === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <ol className="cards">
          {column.cards.map((card) => (
            <li key={card.id}>
              <ProjectCard card={card} />
            </li>
          ))}
        </ol>
      )}
      {column && shown > 0 && (
        <p className="column-foot">
          <span className="muted">
            {shown} {t.of} {column.totalCount}
          </span>
          {column.hasNextPage && (
            <button type="button" disabled={column.loading} onClick={() => onMore(column.endCursor)}>
              {column.loading ? t.loading : t.loadMore}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

function ProjectCard({ card }: { card: BoardCardFragment }) {
  const t = useText(text);
  const viewer = useViewer();
  return (
    <article className="card" aria-label={card.code}>
      <p className="card-code">
        {card.code}
        {card.keyProject && <span className="badge">{t.key}</span>}
      </p>
      <h3>
        <Link href={`/projects/${encodeURIComponent(card.id)}`}>{card.title}</Link>
      </h3>
      <dl>
        <div>
          <dt>{t.achievement}</dt>
          <dd>
            {card.achievement ? (
              <>
                {card.achievement.title}{' '}
                <span className="muted">
                  ({t.trl} {card.achievement.trl})
                </span>
              </>
            ) : (
              <span className="marked">{viewer ? t.hidden : t.membersOnly}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.institute}</dt>
          <dd>{card.achievement?.institute.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t.enterprise}</dt>
          <dd>{card.leadEnterprise?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t.invested}</dt>
          <dd>{card.totalInvested ? formatMoney(card.totalInvested) : '—'}</dd>
        </div>
        <div>
          <dt>{t.nextRun}</dt>
          <dd>
            {card.nextBooking ? (
              `${card.nextBooking.facility.name}, ${card.nextBooking.start} – ${card.nextBooking.end}`
            ) : (
              <span className="marked">{viewer ? t.none : t.membersOnly}</span>
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}

function BoardFilters({
  query,
  onChange,
  onClear,
}: {
  query: BoardQuery;
  onChange: (change: Partial<BoardQuery>) => void;
  onClear: () => void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const [options, setOptions] = useState<BoardFilterOptionsQuery | null>(null);
  const [q, setQ] = useState(query.q);
  useEffect(() => setQ(query.q), [query.q]);
  useEffect(() => {
    void request(BoardFilterOptions).then((result) => setOptions(result.data));
  }, []);
  const toggleStage = (stage: Stage, on: boolean): void => {
    const next = on ? [...query.stages, stage] : query.stages.filter((s) => s !== stage);
    onChange({ stages: ALL_STAGES.filter((s) => next.includes(s)) });
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onChange({ q });
  };
  const select = (
    name: 'alliance' | 'institute' | 'enterprise' | 'base' | 'fund',
    label: string,
    choices: { id: string; name: string }[] | undefined,
  ) => (
    <label>
      {label}
      <select value={query[name]} onChange={(e) => onChange({ [name]: e.target.value })}>
        <option value="">{t.any}</option>
        {/* Keep a value from a bookmark selectable while the options load. */}
        {query[name] && !choices?.some((c) => c.id === query[name]) && (
          <option value={query[name]}>{query[name]}</option>
        )}
        {choices?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="filters" role="search" aria-label={t.filters} onSubmit={submit}>
      <fieldset className="stage-filter">
        <legend>{t.stages}</legend>
        {ALL_STAGES.map((stage) => (
          <label key={stage} className="check">
            <input
              type="checkbox"
              checked={query.stages.includes(stage)}
              onChange={(e) => toggleStage(stage, e.target.checked)}
            />
            {stageName(stage, lang)}
          </label>
        ))}
      </fieldset>
      <div className="filter-row">
        {select('alliance', t.alliance, options?.alliances)}
        {select('institute', t.institute, options?.institutes ?? undefined)}
        {select(
          'enterprise',
          t.enterprise,
          options?.enterprises?.edges.map((e) => e.node),
        )}
        {select('base', t.pilotBase, options?.pilotBases ?? undefined)}
        {select('fund', t.fund, options?.funds ?? undefined)}
        <label>
          {t.keyProject}
          <select value={query.key} onChange={(e) => onChange({ key: e.target.value as BoardQuery['key'] })}>
            <option value="">{t.any}</option>
            <option value="yes">{t.keyOnly}</option>
            <option value="no">{t.keyNot}</option>
          </select>
        </label>
        <label>
          {t.dockedFrom}
          <input type="date" value={query.from} onChange={(e) => onChange({ from: e.target.value })} />
        </label>
        <label>
          {t.dockedTo}
          <input type="date" value={query.to} onChange={(e) => onChange({ to: e.target.value })} />
        </label>
        <label>
          {t.order}
          <select
            value={query.order}
            onChange={(e) => onChange({ order: isOrderName(e.target.value) ? e.target.value : 'newest' })}
          >
            <option value="newest">{t.newest}</option>
            <option value="oldest">{t.oldest}</option>
            <option value="moved">{t.recentlyMoved}</option>
            <option value="code">{t.byCode}</option>
            <option value="title">{t.byTitle}</option>
          </select>
        </label>
        <label>
          {t.search}
          <input type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t.apply}</button>
        <button type="button" onClick={onClear}>
          {t.clear}
        </button>
      </div>
    </form>
  );
}

/** The CSV of the board: every project its filters match, paged 100 at a time. */
function BoardExportButton({
  filter,
  orderBy,
  stages,
}: {
  filter: ProjectFilter;
  orderBy: ProjectOrder;
  stages: Stage[];
}) {
  const t = useText(text);
  const { lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ errors: ApiError[]; requestId: string | null } | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setNote(null);
    setFailure(null);
    const rows: (string | number | null)[][] = [];
    let after: string | null = null;
    try {
      for (;;) {
        const result: ApiResult<BoardExportQuery> = await request(BoardExport, {
          filter: { ...filter, stages },
          orderBy,
          after,
        });
        const page = result.data?.projects;
        const announced = errorsToAnnounce(result.errors);
        if (!page || announced.length) {
          setFailure({ errors: announced.length ? announced : result.errors, requestId: result.requestId });
          return;
        }
        if (page.totalCount > EXPORT_LIMIT) {
          setNote(t.tooMany.replace('{n}', String(page.totalCount)).replace('{max}', String(EXPORT_LIMIT)));
          return;
        }
        for (const { node } of page.edges) {
          rows.push([
            node.code,
            node.title,
            node.stage,
            node.keyProject ? 'yes' : 'no',
            node.achievement?.title ?? null,
            node.achievement?.trl ?? null,
            node.achievement?.institute.name ?? null,
            node.leadEnterprise?.name ?? null,
            node.totalInvested?.amount ?? null,
            node.totalInvested?.currency ?? null,
            node.nextBooking?.facility.name ?? null,
            node.nextBooking?.start ?? null,
            node.nextBooking?.end ?? null,
            chinaDay(node.createdAt),
          ]);
        }
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || rows.length >= EXPORT_LIMIT) break;
        after = page.pageInfo.endCursor;
      }
      const { downloadCsv } = await import('../csv');
      await downloadCsv(
        'alliance-board.csv',
        [
          'code',
          'title',
          'stage',
          'key project',
          'achievement',
          'TRL',
          'institute',
          'lead enterprise',
          'invested',
          'currency',
          'next pilot run facility',
          'next pilot run start',
          'next pilot run end',
          'docked on',
        ],
        rows,
      );
      setNote(t.exported.replace('{n}', String(rows.length)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export">
      <button type="button" onClick={() => void run()} disabled={busy} aria-busy={busy}>
        {busy ? t.exporting : t.exportCsv}
      </button>
      {note && (
        <p className="muted" role="status" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
          {note}
        </p>
      )}
      {failure && <Alerts errors={failure.errors} requestId={failure.requestId} />}
    </div>
  );
}

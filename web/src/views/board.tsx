import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'wouter';
import { request, type ApiError } from '../api/client';
import { errorsToAnnounce } from '../api/errors';
import { useSession } from '../api/session';
import { Alerts } from '../alerts';
import { FOLDED_STAGES, PIPELINE_STAGES, stageName, type Stage, ALL_STAGES } from '../format';
import type { BoardColumnsQueryVariables } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { BoardColumnPage, BoardColumns } from './board.operations';
import './board.css';
import { boardText } from './board.text';
import { emptyColumn, fromConnection, StageColumn, type Column } from './board-column';
import { BoardExportButton } from './board-export';
import { BoardFilters } from './board-filters';
import {
  ORDERS,
  readQuery,
  writeQuery,
  projectFilter,
  isFolded,
  columnFilter,
  shownStages,
  type BoardQuery,
} from './board-query';

/** Cards per column and per "Load more". */
const PAGE = 20;

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

/** The pipeline board: one column per stage, filters and order in the URL. */
export function BoardView() {
  const t = useText(boardText);
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

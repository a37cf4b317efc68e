/** One stage's column of the board and its project cards. */
import { Link } from 'wouter';
import type { ApiError } from '../api/client';
import { useViewer } from '../api/viewer';
import { Alerts } from '../alerts';
import { formatMoney, stageName, type Stage } from '../format';
import type { BoardCardFragment, BoardColumnFragment } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { boardText } from './board.text';

/** One column as the board holds it. */
export interface Column {
  totalCount: number | null;
  cards: BoardCardFragment[];
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  errors: ApiError[];
  requestId: string | null;
}

export const emptyColumn = (loading: boolean): Column => ({
  totalCount: null,
  cards: [],
  endCursor: null,
  hasNextPage: false,
  loading,
  errors: [],
  requestId: null,
});

export function fromConnection(connection: BoardColumnFragment | null | undefined): Partial<Column> {
  if (!connection) return {};
  return {
    totalCount: connection.totalCount,
    cards: connection.edges.map((e) => e.node),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}

export function useStageName(stage: string): string {
  const { lang } = useLang();
  return stageName(stage, lang);
}

export function StageColumn({
  stage,
  column,
  onMore,
}: {
  stage: Stage;
  column: Column | undefined;
  onMore: (after: string | null) => void;
}) {
  const t = useText(boardText);
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

export function ProjectCard({ card }: { card: BoardCardFragment }) {
  const t = useText(boardText);
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

/** The board's CSV download: every project its filters match. */
import { useState } from 'react';
import { request, type ApiError, type ApiResult } from '../api/client';
import { errorsToAnnounce } from '../api/errors';
import { Alerts } from '../alerts';
import { chinaDay, type Stage } from '../format';
import type { BoardExportQuery, ProjectFilter, ProjectOrder } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { BoardExport } from './board.operations';
import { boardText } from './board.text';

/** The most projects one CSV export pages through (100 per request). */
export const EXPORT_LIMIT = 5000;

/** The CSV of the board: every project its filters match, paged 100 at a time. */
export function BoardExportButton({
  filter,
  orderBy,
  stages,
}: {
  filter: ProjectFilter;
  orderBy: ProjectOrder;
  stages: Stage[];
}) {
  const t = useText(boardText);
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

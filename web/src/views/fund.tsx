import { useEffect, useState } from 'react';
import { Link, useParams } from 'wouter';
import { request, type ApiError, type ApiResult } from '../api/client';
import { errorsToAnnounce } from '../api/errors';
import { useViewer } from '../api/viewer';
import { Alerts } from '../alerts';
import { formatMoney, stageName } from '../format';
import { graphql } from '../gql';
import type { FundPageQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import './project.css';

export const FundInvestmentsFields = graphql(`
  fragment FundInvestments on InvestmentConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        stage
        instrument
        status
        visibility
        committedOn
        disbursedOn
        amount {
          amount
          currency
        }
        project {
          id
          code
          title
        }
        enterprise {
          id
          name
        }
      }
    }
  }
`);

/** One more page of a fund's investments, for the CSV: 100 at a time from a cursor. */
const FundInvestmentsPage = graphql(`
  query FundInvestmentsPage($id: ID!, $after: String) {
    investments(filter: { fundId: $id }, first: 100, after: $after) {
      ...FundInvestments
    }
  }
`);

/** The most investments a CSV holds: 50 pages of 100. */
const CSV_LIMIT = 5_000;

const FundPage = graphql(`
  query FundPage($id: ID!) {
    investments(filter: { fundId: $id }, first: 100) {
      ...FundInvestments
    }
    fund(id: $id) {
      id
      name
      manager
      status
      size {
        amount
        currency
      }
      committed {
        amount
        currency
      }
      available {
        amount
        currency
      }
    }
  }
`);

const text = {
  en: {
    loading: 'Loading…',
    notFound: 'This fund does not exist.',
    back: 'Back to the board',
    manager: 'Manager',
    size: 'Size',
    committed: 'Committed',
    available: 'Available',
    investments: 'Investments',
    target: 'Invested in',
    stage: 'Stage',
    instrument: 'Instrument',
    status: 'Status',
    visibility: 'Visibility',
    committedOn: 'Committed on',
    amount: 'Amount',
    none: 'No investments you may see.',
    exportCsv: 'Download CSV',
    exported: 'CSV with {n} investments downloaded.',
    tooMany: 'More than {n} investments: filter them in the API instead of downloading all.',
    newest: 'The newest {n} of {total}; the CSV holds them all.',
    seen: 'The list holds the investments you may see; committed counts all of them.',
  },
  zh: {
    loading: '加载中…',
    notFound: '该基金不存在。',
    back: '返回看板',
    manager: '管理人',
    size: '规模',
    committed: '已承诺',
    available: '可承诺余额',
    investments: '投资',
    target: '投资对象',
    stage: '阶段',
    instrument: '方式',
    status: '状态',
    visibility: '可见范围',
    committedOn: '承诺日期',
    amount: '金额',
    none: '没有您可查看的投资。',
    exportCsv: '下载 CSV',
    exported: '已下载包含 {n} 笔投资的 CSV。',
    tooMany: '投资超过 {n} 笔：请在 API 中筛选，而不是全部下载。',
    newest: '最新的 {n} 笔，共 {total} 笔；CSV 包含全部。',
    seen: '列表仅含您可查看的投资；已承诺金额计入全部投资。',
  },
};

/** A fund: its size, what it committed, its investments the viewer may see, as CSV too. */
export function FundView() {
  const t = useText(text);
  const { lang } = useLang();
  const { id } = useParams<{ id: string }>();
  const viewer = useViewer();
  const [result, setResult] = useState<ApiResult<FundPageQuery> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    setResult(null);
    void request(FundPage, { id }).then(setResult);
  }, [id, viewer]);

  if (!result) return <p aria-busy="true">{t.loading}</p>;
  const fund = result.data?.fund;
  const announced: ApiError[] = errorsToAnnounce(result.errors);
  if (!fund) {
    return (
      <>
        <Alerts errors={announced} requestId={result.requestId} />
        {!announced.length && <p role="alert">{t.notFound}</p>}
        <Link href="/">{t.back}</Link>
      </>
    );
  }
  const page = result.data?.investments;
  const shown = page?.edges.map((edge) => edge.node) ?? [];
  /** Every investment the viewer may see, page by page (100 each), up to CSV_LIMIT. */
  const allInvestments = async (): Promise<typeof shown | null> => {
    const rows = [...shown];
    let pageInfo = page?.pageInfo;
    while (pageInfo?.hasNextPage && rows.length < CSV_LIMIT) {
      const next = await request(FundInvestmentsPage, { id: fund.id, after: pageInfo.endCursor });
      const investments = next.data?.investments;
      if (!investments) return null;
      rows.push(...investments.edges.map((edge) => edge.node));
      pageInfo = investments.pageInfo;
    }
    return pageInfo?.hasNextPage ? null : rows;
  };
  const exportCsv = async (): Promise<void> => {
    const investments = await allInvestments();
    if (!investments) {
      setNote(t.tooMany.replace('{n}', String(CSV_LIMIT)));
      return;
    }
    const { downloadCsv } = await import('../csv');
    await downloadCsv(
      `${fund.id}-investments.csv`,
      [
        'fund',
        'project code',
        'project',
        'enterprise',
        'stage',
        'instrument',
        'status',
        'visibility',
        'committed on',
        'disbursed on',
        'amount',
        'currency',
      ],
      investments.map((i) => [
        fund.name,
        i.project?.code ?? null,
        i.project?.title ?? null,
        i.enterprise?.name ?? null,
        i.stage,
        i.instrument,
        i.status,
        i.visibility,
        i.committedOn,
        i.disbursedOn ?? null,
        i.amount.amount,
        i.amount.currency,
      ]),
    );
    setNote(t.exported.replace('{n}', String(investments.length)));
  };
  return (
    <article aria-labelledby="fund-title">
      <Link href="/">{t.back}</Link>
      <h1 id="fund-title">{fund.name}</h1>
      <Alerts errors={announced} requestId={result.requestId} />
      <p>
        {t.manager}: {fund.manager} · {fund.status.toLowerCase()}
      </p>
      <p>
        {t.size}: {formatMoney(fund.size)} · {t.committed}: {formatMoney(fund.committed)} · {t.available}:{' '}
        {formatMoney(fund.available)}
      </p>
      <section className="panel" aria-labelledby="fund-investments">
        <h2 id="fund-investments">{t.investments}</h2>
        <p>
          <button type="button" onClick={() => void exportCsv()}>
            {t.exportCsv}
          </button>{' '}
          {note && <span role="status">{note}</span>}
        </p>
        <p className="muted">{t.seen}</p>
        {page && page.totalCount > shown.length && (
          <p className="muted">
            {t.newest.replace('{n}', String(shown.length)).replace('{total}', String(page.totalCount))}
          </p>
        )}
        {shown.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.target}</th>
                  <th scope="col">{t.stage}</th>
                  <th scope="col">{t.instrument}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.visibility}</th>
                  <th scope="col">{t.committedOn}</th>
                  <th scope="col" className="num">
                    {t.amount}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((i) => (
                  <tr key={i.id}>
                    <td>
                      {i.project ? (
                        <Link href={`/projects/${encodeURIComponent(i.project.id)}`}>
                          {i.project.code} {i.project.title}
                        </Link>
                      ) : (
                        (i.enterprise?.name ?? '—')
                      )}
                    </td>
                    <td>{stageName(i.stage, lang)}</td>
                    <td>{i.instrument.toLowerCase()}</td>
                    <td>{i.status.toLowerCase()}</td>
                    <td>{i.visibility.toLowerCase()}</td>
                    <td>{i.committedOn}</td>
                    <td className="num">{formatMoney(i.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t.none}</p>
        )}
      </section>
    </article>
  );
}

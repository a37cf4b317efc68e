import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { request, type ApiResult } from '../api/client';
import { errorsToAnnounce, hasErrorAt } from '../api/errors';
import { useViewer, type Viewer } from '../api/viewer';
import { Alerts } from '../alerts';
import { chinaDay, formatMoney, stageName } from '../format';
import type { ProjectPageQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { ProjectActions } from './project-actions';
import { ProjectPage } from './project.operations';
import './project.css';

const text = {
  en: {
    loading: 'Loading…',
    notFound: 'This project does not exist or is not visible to you.',
    back: 'Back to the board',
    stage: 'Stage',
    key: 'Key project',
    docked: 'Docked',
    illustrative: 'Illustrative record',
    achievement: 'Achievement',
    trl: 'TRL',
    institute: 'Institute',
    inventors: 'Inventors',
    patents: 'Patents',
    awards: 'Awards',
    none: 'None recorded.',
    leadEnterprise: 'Lead enterprise',
    bookings: 'Pilot bookings',
    bases: 'Pilot bases',
    investments: 'Investments',
    totalInvested: 'Total invested (CNY funds)',
    fund: 'Fund',
    amount: 'Amount',
    instrument: 'Instrument',
    status: 'Status',
    committedOn: 'Committed on',
    fundInvestments: 'all investments of this fund',
    reviews: 'Expert reviews',
    average: 'average',
    history: 'Stage history',
    agreement: 'Benefit agreement',
    version: 'version',
    signedOn: 'signed on',
    ipTerms: 'IP terms',
    party: 'Party',
    role: 'Role',
    share: 'Share of benefits',
    risk: 'Risk committed',
    riskPools: 'Costs and losses shared',
    committedOf: 'committed of',
    distributions: 'Distributions',
    noAgreement: 'No agreement signed yet.',
    membersOnly: 'Visible to members: sign in to see it.',
    confidential: "Confidential: visible to the owning institute and the project's parties.",
    partiesOnly: "Visible to the agreement's parties.",
    publicOnly: 'Only public investments are shown; members see more.',
    unavailable: 'Not available right now.',
    from: 'from',
    to: 'until',
    created: 'created',
  },
  zh: {
    loading: '加载中…',
    notFound: '该项目不存在或您无权查看。',
    back: '返回看板',
    stage: '阶段',
    key: '重点项目',
    docked: '对接日期',
    illustrative: '示例数据',
    achievement: '成果',
    trl: '技术成熟度',
    institute: '研究所',
    inventors: '发明人',
    patents: '专利',
    awards: '奖项',
    none: '暂无记录。',
    leadEnterprise: '牵头企业',
    bookings: '中试预订',
    bases: '中试基地',
    investments: '投资',
    totalInvested: '投资总额（人民币基金）',
    fund: '基金',
    amount: '金额',
    instrument: '方式',
    status: '状态',
    committedOn: '承诺日期',
    fundInvestments: '该基金的全部投资',
    reviews: '专家评审',
    average: '平均分',
    history: '阶段历程',
    agreement: '收益分配协议',
    version: '版本',
    signedOn: '签署于',
    ipTerms: '知识产权条款',
    party: '当事方',
    role: '角色',
    share: '收益份额',
    risk: '承担风险',
    riskPools: '共担的成本与损失',
    committedOf: '已承担，上限',
    distributions: '分配记录',
    noAgreement: '尚未签署协议。',
    membersOnly: '仅成员可见：请登录后查看。',
    confidential: '保密：仅成果所属研究所及项目各方可见。',
    partiesOnly: '仅协议各方可见。',
    publicOnly: '仅显示公开投资；成员可见更多。',
    unavailable: '暂时无法获取。',
    from: '自',
    to: '至',
    created: '创建',
  },
};

type Project = NonNullable<ProjectPageQuery['project']>;

/** The project page: the chain across all subgraphs, and the actions the viewer may take. */
export function ProjectView() {
  const t = useText(text);
  const { id } = useParams<{ id: string }>();
  const viewer = useViewer();
  const [result, setResult] = useState<ApiResult<ProjectPageQuery> | null>(null);

  const load = useCallback(async () => {
    setResult(await request(ProjectPage, { id }));
  }, [id]);
  useEffect(() => {
    setResult(null);
    void load();
    // A sign-in or sign-out changes what the page may show.
  }, [load, viewer]);

  if (!result) return <p aria-busy="true">{t.loading}</p>;
  const project = result.data?.project;
  const announced = errorsToAnnounce(result.errors);
  if (!project) {
    return (
      <>
        <Alerts errors={announced} requestId={result.requestId} />
        {!announced.length && <p role="alert">{t.notFound}</p>}
        <Link href="/">{t.back}</Link>
      </>
    );
  }
  const errorAt = (...path: string[]): boolean => hasErrorAt(result.errors, ['project', ...path]);
  return (
    <article className="project" aria-labelledby="project-title">
      <Link href="/">{t.back}</Link>
      <ProjectHeader project={project} />
      <Alerts errors={announced} requestId={result.requestId} />
      <ProjectActions project={project} viewer={viewer} onChanged={load} />
      <div className="project-grid">
        <AchievementSection project={project} hidden={errorAt('achievement')} viewer={viewer} />
        <Section title={t.leadEnterprise}>
          {project.leadEnterprise ? <p>{project.leadEnterprise.name}</p> : <Marked>{t.unavailable}</Marked>}
        </Section>
        <BookingsSection project={project} viewer={viewer} />
        <InvestmentsSection project={project} viewer={viewer} />
        <ReviewsSection project={project} viewer={viewer} />
        <HistorySection project={project} />
        <AgreementSection project={project} forbidden={errorAt('benefitAgreement')} />
      </div>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A part the viewer may not see, said so in place. */
function Marked({ children }: { children: ReactNode }) {
  return <p className="marked">{children}</p>;
}

function ProjectHeader({ project }: { project: Project }) {
  const t = useText(text);
  const { lang } = useLang();
  return (
    <header className="project-head">
      <p className="muted">
        {project.code}
        {project.keyProject && <span className="badge">{t.key}</span>}
        {project.illustrative && <span className="muted"> · {t.illustrative}</span>}
      </p>
      <h1 id="project-title">{project.title}</h1>
      <p>
        {t.stage}: <strong>{stageName(project.stage, lang)}</strong>
        {project.heldFrom && ` (${t.from} ${stageName(project.heldFrom, lang)})`} · {t.docked}{' '}
        {chinaDay(project.createdAt)}
      </p>
      {project.summary && <p>{project.summary}</p>}
    </header>
  );
}

function AchievementSection({
  project,
  hidden,
  viewer,
}: {
  project: Project;
  hidden: boolean;
  viewer: Viewer | null;
}) {
  const t = useText(text);
  const achievement = project.achievement;
  if (!achievement) {
    return (
      <Section title={t.achievement}>
        <Marked>{hidden ? (viewer ? t.confidential : t.membersOnly) : t.unavailable}</Marked>
      </Section>
    );
  }
  return (
    <Section title={t.achievement}>
      <p>
        <strong>{achievement.title}</strong> · {t.trl} {achievement.trl}
      </p>
      <p>
        {t.institute}: {achievement.institute.name}
      </p>
      <h3>{t.inventors}</h3>
      {achievement.inventors.length ? (
        <ul>
          {achievement.inventors.map((inventor) => (
            <li key={inventor.researcher.id}>
              {inventor.researcher.name}
              {inventor.researcher.title && `, ${inventor.researcher.title}`} — {inventor.share}%
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <h3>{t.patents}</h3>
      {achievement.patents.length ? (
        <ul>
          {achievement.patents.map((patent) => (
            <li key={patent.id}>
              {patent.number} ({patent.jurisdiction}, {patent.status.toLowerCase()}) — {patent.title}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <h3>{t.awards}</h3>
      {achievement.awards.length ? (
        <ul>
          {achievement.awards.map((award) => (
            <li key={`${award.name}-${award.year}`}>
              {award.name}
              {award.grade && `, ${award.grade}`} ({award.year})
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
    </Section>
  );
}

function BookingsSection({ project, viewer }: { project: Project; viewer: Viewer | null }) {
  const t = useText(text);
  const bookings = project.bookings ?? [];
  return (
    <Section title={t.bookings}>
      {project.pilotBases?.length ? (
        <p>
          {t.bases}: {project.pilotBases.map((b) => b.name).join(', ')}
        </p>
      ) : null}
      {project.bookings === null ? (
        <Marked>{t.unavailable}</Marked>
      ) : !viewer ? (
        <Marked>{t.membersOnly}</Marked>
      ) : bookings.length ? (
        <ul>
          {bookings.map((booking) => (
            <li key={booking.id}>
              {booking.facility.name} ({booking.facility.base.name}): {booking.start} – {booking.end} ·{' '}
              {booking.status.toLowerCase()} · {booking.purpose}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
    </Section>
  );
}

function InvestmentsSection({ project, viewer }: { project: Project; viewer: Viewer | null }) {
  const t = useText(text);
  const { lang } = useLang();
  const investments = project.investments ?? [];
  return (
    <Section title={t.investments}>
      {project.totalInvested && (
        <p>
          {t.totalInvested}: <strong>{formatMoney(project.totalInvested)}</strong>
        </p>
      )}
      {project.investments === null ? (
        <Marked>{t.unavailable}</Marked>
      ) : investments.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.fund}</th>
                <th scope="col">{t.stage}</th>
                <th scope="col">{t.instrument}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.committedOn}</th>
                <th scope="col" className="num">
                  {t.amount}
                </th>
              </tr>
            </thead>
            <tbody>
              {investments.map((investment) => (
                <tr key={investment.id}>
                  <td>
                    <Link href={`/funds/${encodeURIComponent(investment.fund.id)}`} title={t.fundInvestments}>
                      {investment.fund.name}
                    </Link>
                  </td>
                  <td>{stageName(investment.stage, lang)}</td>
                  <td>{investment.instrument.toLowerCase()}</td>
                  <td>{investment.status.toLowerCase()}</td>
                  <td>{investment.committedOn}</td>
                  <td className="num">{formatMoney(investment.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      {!viewer && <Marked>{t.publicOnly}</Marked>}
    </Section>
  );
}

function ReviewsSection({ project, viewer }: { project: Project; viewer: Viewer | null }) {
  const t = useText(text);
  const { lang } = useLang();
  return (
    <Section title={t.reviews}>
      {!viewer ? (
        <Marked>{t.membersOnly}</Marked>
      ) : project.reviews.length ? (
        <ul className="reviews">
          {project.reviews.map((review) => (
            <li key={review.id}>
              <strong>{review.recommendation}</strong> — {review.expert.name}
              {review.expert.title && `, ${review.expert.title}`} ({stageName(review.stage, lang)},{' '}
              {chinaDay(review.submittedAt)}; {t.average} {review.averageScore})<br />
              {review.comments}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
    </Section>
  );
}

function HistorySection({ project }: { project: Project }) {
  const t = useText(text);
  const { lang } = useLang();
  return (
    <Section title={t.history}>
      <ol className="timeline">
        {project.history.map((change, i) => (
          <li key={i}>
            <time dateTime={change.at}>{chinaDay(change.at)}</time>{' '}
            <strong>
              {change.from ? `${stageName(change.from, lang)} → ` : `${t.created}: `}
              {stageName(change.to, lang)}
            </strong>
            <br />
            <span className="muted">
              {change.reason} — {change.by}
            </span>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function AgreementSection({ project, forbidden }: { project: Project; forbidden: boolean }) {
  const t = useText(text);
  const { lang } = useLang();
  const agreement = project.benefitAgreement;
  if (!agreement) {
    return (
      <Section title={t.agreement}>
        {forbidden ? <Marked>{t.partiesOnly}</Marked> : <p className="muted">{t.noAgreement}</p>}
      </Section>
    );
  }
  const nameOf = (party: { party?: { name?: string } | null; partyId: string }): string =>
    party.party?.name ?? party.partyId;
  return (
    <Section title={t.agreement}>
      <p>
        {t.version} {agreement.version}, {t.signedOn} {agreement.signedOn}
      </p>
      <p>
        {t.ipTerms}: {agreement.ipTerms}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.party}</th>
              <th scope="col">{t.role}</th>
              <th scope="col" className="num">
                {t.share}
              </th>
              <th scope="col" className="num">
                {t.risk}
              </th>
            </tr>
          </thead>
          <tbody>
            {agreement.parties.map((party) => (
              <tr key={`${party.partyType}-${party.partyId}-${party.role}`}>
                <td>{nameOf(party)}</td>
                <td>{party.role.toLowerCase()}</td>
                <td className="num">
                  {party.share} ({party.percent}%)
                </td>
                <td className="num">{formatMoney(party.riskCommitted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {agreement.riskPools.length > 0 && (
        <>
          <h3>{t.riskPools}</h3>
          <ul>
            {agreement.riskPools.map((pool) => (
              <li key={pool.stage}>
                {stageName(pool.stage, lang)}: {formatMoney(pool.committed)} {t.committedOf}{' '}
                {formatMoney(pool.budget)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t.distributions}</h3>
      {agreement.distributions.length ? (
        agreement.distributions.map((distribution) => (
          <div key={distribution.id} className="distribution">
            <p>
              {chinaDay(distribution.executedAt)} · <strong>{formatMoney(distribution.amount)}</strong> ·{' '}
              {distribution.note}
            </p>
            <ul>
              {distribution.payouts.map((payout) => (
                <li key={`${payout.partyType}-${payout.partyId}-${payout.role}`}>
                  {nameOf(payout)} ({payout.share}): {formatMoney(payout.amount)}
                </li>
              ))}
            </ul>
          </div>
        ))
      ) : (
        <p className="muted">{t.none}</p>
      )}
    </Section>
  );
}

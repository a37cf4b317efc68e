/** The project page's parts the alliance governs: the committee's reviews, the stage history, the benefit agreement. */
import type { Viewer } from '../api/viewer';
import { chinaDay, formatMoney, stageName } from '../format';
import { useLang, useText } from '../i18n';
import { projectText } from './project.text';
import { Marked, Section, type Project } from './project-sections';

export function ReviewsSection({ project, viewer }: { project: Project; viewer: Viewer | null }) {
  const t = useText(projectText);
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

export function HistorySection({ project }: { project: Project }) {
  const t = useText(projectText);
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

export function AgreementSection({ project, forbidden }: { project: Project; forbidden: boolean }) {
  const t = useText(projectText);
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

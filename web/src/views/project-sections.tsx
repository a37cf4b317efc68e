/** The project page's parts from the other subgraphs: the header, the achievement, the pilot runs, the investments. */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Viewer } from '../api/viewer';
import { chinaDay, formatMoney, stageName } from '../format';
import type { ProjectPageQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { projectText } from './project.text';

/** The project as the page's query answers it. */
export type Project = NonNullable<ProjectPageQuery['project']>;

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A part the viewer may not see, said so in place. */
export function Marked({ children }: { children: ReactNode }) {
  return <p className="marked">{children}</p>;
}

export function ProjectHeader({ project }: { project: Project }) {
  const t = useText(projectText);
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

export function AchievementSection({
  project,
  hidden,
  viewer,
}: {
  project: Project;
  hidden: boolean;
  viewer: Viewer | null;
}) {
  const t = useText(projectText);
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

export function BookingsSection({ project, viewer }: { project: Project; viewer: Viewer | null }) {
  const t = useText(projectText);
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

export function InvestmentsSection({ project, viewer }: { project: Project; viewer: Viewer | null }) {
  const t = useText(projectText);
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

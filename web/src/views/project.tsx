import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'wouter';
import { request, type ApiResult } from '../api/client';
import { errorsToAnnounce, hasErrorAt } from '../api/errors';
import { useViewer } from '../api/viewer';
import { Alerts } from '../alerts';
import type { ProjectPageQuery } from '../gql/graphql';
import { useText } from '../i18n';
import { ProjectActions } from './project-actions';
import { ProjectPage } from './project.operations';
import './project.css';
import { projectText } from './project.text';
import {
  Marked,
  Section,
  AchievementSection,
  BookingsSection,
  InvestmentsSection,
  ProjectHeader,
} from './project-sections';
import { AgreementSection, HistorySection, ReviewsSection } from './project-governance';

/** The project page: the chain across all subgraphs, and the actions the viewer may take. */
export function ProjectView() {
  const t = useText(projectText);
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

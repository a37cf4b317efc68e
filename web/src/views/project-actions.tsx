import { useState } from 'react';
import { request } from '../api/client';
import { isEditorOf, isSecretariat, type Viewer } from '../api/viewer';
import { PIPELINE_STAGES, stageName } from '../format';
import type { ProjectStage } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { ChangeStage } from './project.operations';
import { actionsText } from './project-actions.text';
import { Fieldset, OutcomeView, type Outcome, type Project } from './project-action-parts';
import { BookingForm, InvestmentForm } from './project-forms';

/**
 * What the viewer may do with the project, offered only to the roles the rules allow. The
 * API decides: its refusal (the review gate, a double booking, a fund over-committed) is
 * shown as a sentence next to the button.
 */
export function ProjectActions({
  project,
  viewer,
  onChanged,
}: {
  project: Project;
  viewer: Viewer | null;
  onChanged: () => Promise<void>;
}) {
  const t = useText(actionsText);
  const secretariat = isSecretariat(viewer);
  const lead = project.leadEnterprise ? isEditorOf(viewer, `enterprise:${project.leadEnterprise.id}`) : false;
  const fundId =
    viewer?.organization?.startsWith('fund:') && viewer.roles.includes('EDITOR')
      ? viewer.organization.slice('fund:'.length)
      : null;
  if (!secretariat && !lead && !fundId) return null;
  return (
    <section className="panel actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t.actions}</h2>
      {secretariat && <StageForm project={project} onChanged={onChanged} />}
      {(secretariat || lead) && <BookingForm project={project} onChanged={onChanged} />}
      {fundId && <InvestmentForm project={project} fundId={fundId} onChanged={onChanged} />}
    </section>
  );
}

/**
 * The secretariat's stage moves: the allowed next stages, plus the next step of the
 * pipeline when the rules hold it back (the review gate), so the rule can be read.
 */
function StageForm({ project, onChanged }: { project: Project; onChanged: () => Promise<void> }) {
  const t = useText(actionsText);
  const { lang } = useLang();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({});
  const index = (PIPELINE_STAGES as readonly string[]).indexOf(project.stage);
  const forward =
    index >= 0 && index < PIPELINE_STAGES.length - 1 ? (PIPELINE_STAGES[index + 1] as ProjectStage) : null;
  const targets: ProjectStage[] = [...project.allowedNextStages];
  const gated = forward && !targets.includes(forward) ? forward : null;
  if (gated) targets.unshift(gated);
  if (!targets.length) return null;

  const move = async (to: ProjectStage): Promise<void> => {
    setBusy(true);
    setOutcome({});
    const result = await request(ChangeStage, {
      input: { projectId: project.id, to, from: project.stage, reason: reason.trim() },
    });
    setBusy(false);
    if (result.errors.length || !result.data) {
      setOutcome({ errors: result.errors, requestId: result.requestId });
      return;
    }
    setReason('');
    setOutcome({ ok: t.moved.replace('{stage}', stageName(result.data.changeProjectStage.stage, lang)) });
    await onChanged();
  };

  return (
    <Fieldset legend={t.moveStage}>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.reason}
          <textarea value={reason} rows={2} required onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="buttons">
          {targets.map((to) => (
            <button key={to} type="button" disabled={busy} onClick={() => void move(to)}>
              {t.moveTo} {stageName(to, lang)}
              {to === gated && <span className="hint"> ({t.gated})</span>}
            </button>
          ))}
        </div>
      </form>
      <OutcomeView outcome={outcome} />
    </Fieldset>
  );
}

import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { request, requestIdempotent, type ApiError } from '../api/client';
import { useIdempotencyKey } from '../api/idempotency';
import { isEditorOf, isSecretariat, type Viewer } from '../api/viewer';
import { Alerts } from '../alerts';
import { PIPELINE_STAGES, formatMoney, stageName } from '../format';
import type {
  BookableFacilitiesQuery,
  FundMandateQuery,
  Instrument,
  InvestmentStage,
  ProjectPageQuery,
  ProjectStage,
} from '../gql/graphql';
import { useLang, useText } from '../i18n';
import {
  BookableFacilities,
  ChangeStage,
  CommitInvestment,
  FundMandate,
  RequestBooking,
} from './project.operations';

const text = {
  en: {
    actions: 'Actions',
    moveStage: 'Move the project',
    reason: 'Reason (recorded in the history)',
    moveTo: 'Move to',
    gated: 'needs an expert review recommending ADVANCE',
    moved: 'The project moved to {stage}.',
    requestBooking: 'Request a pilot booking',
    facility: 'Facility',
    start: 'First day',
    end: 'Day after the last day',
    purpose: 'Purpose',
    send: 'Request booking',
    requested: 'Booking requested: {start} – {end}.',
    commit: 'Commit an investment',
    fund: 'Fund',
    stage: 'Stage financed',
    instrument: 'Instrument',
    amount: 'Amount (CNY, e.g. 5000000.00)',
    focusArea: 'Field',
    overrideReason: 'Why outside the mandate (if it is)',
    commitButton: 'Commit',
    committed: 'Committed {amount}.',
    badAmount: 'Write the amount as digits with at most two decimals, e.g. 5000000.00.',
    working: 'Sending…',
    mandate: 'Invests at: {stages}. Left to commit: {available}.',
  },
  zh: {
    actions: '操作',
    moveStage: '变更项目阶段',
    reason: '原因（记入历程）',
    moveTo: '变更为',
    gated: '需要专家评审建议推进',
    moved: '项目已变更为{stage}。',
    requestBooking: '申请中试预订',
    facility: '设施',
    start: '开始日期',
    end: '结束日期（次日）',
    purpose: '用途',
    send: '提交预订',
    requested: '已提交预订：{start} – {end}。',
    commit: '承诺投资',
    fund: '基金',
    stage: '投资阶段',
    instrument: '方式',
    amount: '金额（人民币，例如 5000000.00）',
    focusArea: '领域',
    overrideReason: '超出投资范围的理由（如适用）',
    commitButton: '承诺',
    committed: '已承诺 {amount}。',
    badAmount: '请输入数字金额，最多两位小数，例如 5000000.00。',
    working: '提交中…',
    mandate: '投资阶段：{stages}。可承诺余额：{available}。',
  },
};

type Project = NonNullable<ProjectPageQuery['project']>;

interface Outcome {
  ok?: string;
  /** The form's own check, before asking the API. */
  invalid?: string;
  errors?: ApiError[];
  requestId?: string | null;
}

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
  const t = useText(text);
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

function OutcomeView({ outcome }: { outcome: Outcome }) {
  return (
    <>
      {outcome.ok && <p role="status">{outcome.ok}</p>}
      {outcome.invalid && (
        <div role="alert" className="alerts">
          <p>{outcome.invalid}</p>
        </div>
      )}
      {outcome.errors && <Alerts errors={outcome.errors} requestId={outcome.requestId} />}
    </>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="action">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The secretariat's stage moves: the allowed next stages, plus the next step of the
 * pipeline when the rules hold it back (the review gate), so the rule can be read.
 */
function StageForm({ project, onChanged }: { project: Project; onChanged: () => Promise<void> }) {
  const t = useText(text);
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

/** Asking a base for a pilot run (the lead enterprise's editors, the secretariat). */
function BookingForm({ project, onChanged }: { project: Project; onChanged: () => Promise<void> }) {
  const t = useText(text);
  const [bases, setBases] = useState<BookableFacilitiesQuery['pilotBases'] | null>(null);
  const [facilityId, setFacilityId] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  const [outcome, setOutcome] = useState<Outcome>({});
  useEffect(() => {
    void request(BookableFacilities).then((result) => {
      const operating = (result.data?.pilotBases ?? []).filter((b) => b.status === 'OPERATING');
      setBases(operating);
      setFacilityId((current) => current || operating[0]?.facilities[0]?.id || '');
    });
  }, []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setOutcome({});
    const input = { facilityId, projectId: project.id, start, end, purpose: purpose.trim() };
    const result = await requestIdempotent(idempotency.keyFor(input), RequestBooking, { input });
    setBusy(false);
    if (result.errors.length || !result.data) {
      setOutcome({ errors: result.errors, requestId: result.requestId });
      return;
    }
    idempotency.done();
    const booked = result.data.requestBooking;
    setOutcome({ ok: t.requested.replace('{start}', booked.start).replace('{end}', booked.end) });
    await onChanged();
  };

  return (
    <Fieldset legend={t.requestBooking}>
      <form onSubmit={(e) => void submit(e)} className="action-form">
        <label>
          {t.facility}
          <select value={facilityId} required onChange={(e) => setFacilityId(e.target.value)}>
            {bases?.map((base) => (
              <optgroup key={base.id} label={base.name}>
                {base.facilities.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t.start}
          <input type="date" value={start} required onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          {t.end}
          <input type="date" value={end} required onChange={(e) => setEnd(e.target.value)} />
        </label>
        <label>
          {t.purpose}
          <input value={purpose} required onChange={(e) => setPurpose(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || !facilityId}>
          {busy ? t.working : t.send}
        </button>
      </form>
      <OutcomeView outcome={outcome} />
    </Fieldset>
  );
}

const INVESTMENT_STAGES: InvestmentStage[] = ['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'];
const INSTRUMENTS: Instrument[] = ['EQUITY', 'CONVERTIBLE', 'GRANT', 'LOAN'];
/** An amount as the API takes it: digits, at most two decimals. */
const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** A fund's editors commit its money to the project. */
function InvestmentForm({
  project,
  fundId,
  onChanged,
}: {
  project: Project;
  fundId: string;
  onChanged: () => Promise<void>;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const defaultStage = (INVESTMENT_STAGES as string[]).includes(project.stage)
    ? (project.stage as InvestmentStage)
    : 'PROOF_OF_CONCEPT';
  const [stage, setStage] = useState<InvestmentStage>(defaultStage);
  const [instrument, setInstrument] = useState<Instrument>('EQUITY');
  const [amount, setAmount] = useState('');
  const [focusArea, setFocusArea] = useState('');
  const [mandate, setMandate] = useState<FundMandateQuery['fund']>(null);
  useEffect(() => {
    void request(FundMandate, { id: fundId }).then((result) => {
      const fund = result.data?.fund ?? null;
      setMandate(fund);
      setFocusArea((current) => current || fund?.focusAreas[0] || '');
    });
  }, [fundId]);
  const [overrideReason, setOverrideReason] = useState('');
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  const [outcome, setOutcome] = useState<Outcome>({});

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = amount.trim().replace(/,/g, '');
    if (!AMOUNT.test(value)) {
      setOutcome({ invalid: t.badAmount });
      return;
    }
    setBusy(true);
    setOutcome({});
    const input = {
      fundId,
      projectId: project.id,
      stage,
      instrument,
      amount: value,
      focusArea: focusArea.trim(),
      overrideReason: overrideReason.trim() || null,
    };
    const result = await requestIdempotent(idempotency.keyFor(input), CommitInvestment, { input });
    setBusy(false);
    if (result.errors.length || !result.data) {
      setOutcome({ errors: result.errors, requestId: result.requestId });
      return;
    }
    idempotency.done();
    const { amount: committed } = result.data.commitInvestment;
    setOutcome({ ok: t.committed.replace('{amount}', `${committed.amount} ${committed.currency}`) });
    setAmount('');
    await onChanged();
  };

  return (
    <Fieldset legend={`${t.commit} (${mandate?.name ?? fundId})`}>
      {mandate && (
        <p className="hint">
          {t.mandate
            .replace('{stages}', mandate.stages.map((s) => stageName(s, lang)).join(', '))
            .replace('{available}', formatMoney(mandate.available))}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} className="action-form">
        <label>
          {t.stage}
          <select value={stage} onChange={(e) => setStage(e.target.value as InvestmentStage)}>
            {INVESTMENT_STAGES.map((s) => (
              <option key={s} value={s}>
                {stageName(s, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.instrument}
          <select value={instrument} onChange={(e) => setInstrument(e.target.value as Instrument)}>
            {INSTRUMENTS.map((i) => (
              <option key={i} value={i}>
                {i.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.amount}
          <input value={amount} required inputMode="decimal" onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label>
          {t.focusArea}
          <input
            value={focusArea}
            required
            list="fund-focus-areas"
            onChange={(e) => setFocusArea(e.target.value)}
          />
          <datalist id="fund-focus-areas">
            {mandate?.focusAreas.map((area) => (
              <option key={area} value={area} />
            ))}
          </datalist>
        </label>
        <label>
          {t.overrideReason}
          <input value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t.working : t.commitButton}
        </button>
      </form>
      <OutcomeView outcome={outcome} />
    </Fieldset>
  );
}

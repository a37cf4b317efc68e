/** The project actions that ask other subgraphs: a pilot run at a base, a fund's investment. */
import { useEffect, useState, type FormEvent } from 'react';
import { request, requestIdempotent } from '../api/client';
import { useIdempotencyKey } from '../api/idempotency';
import { formatMoney, stageName } from '../format';
import type { BookableFacilitiesQuery, FundMandateQuery, Instrument, InvestmentStage } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { BookableFacilities, CommitInvestment, FundMandate, RequestBooking } from './project.operations';
import { actionsText } from './project-actions.text';
import { Fieldset, OutcomeView, type Outcome, type Project } from './project-action-parts';

/** Asking a base for a pilot run (the lead enterprise's editors, the secretariat). */
export function BookingForm({ project, onChanged }: { project: Project; onChanged: () => Promise<void> }) {
  const t = useText(actionsText);
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
export function InvestmentForm({
  project,
  fundId,
  onChanged,
}: {
  project: Project;
  fundId: string;
  onChanged: () => Promise<void>;
}) {
  const t = useText(actionsText);
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

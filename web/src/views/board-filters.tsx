/** The board's filter form: every change goes to the URL. */
import { useEffect, useState, type FormEvent } from 'react';
import { request } from '../api/client';
import { stageName, type Stage, ALL_STAGES } from '../format';
import type { BoardFilterOptionsQuery } from '../gql/graphql';
import { useLang, useText } from '../i18n';
import { BoardFilterOptions } from './board.operations';
import { boardText } from './board.text';
import { isOrderName, type BoardQuery } from './board-query';

export function BoardFilters({
  query,
  onChange,
  onClear,
}: {
  query: BoardQuery;
  onChange: (change: Partial<BoardQuery>) => void;
  onClear: () => void;
}) {
  const t = useText(boardText);
  const { lang } = useLang();
  const [options, setOptions] = useState<BoardFilterOptionsQuery | null>(null);
  const [q, setQ] = useState(query.q);
  useEffect(() => setQ(query.q), [query.q]);
  useEffect(() => {
    void request(BoardFilterOptions).then((result) => setOptions(result.data));
  }, []);
  const toggleStage = (stage: Stage, on: boolean): void => {
    const next = on ? [...query.stages, stage] : query.stages.filter((s) => s !== stage);
    onChange({ stages: ALL_STAGES.filter((s) => next.includes(s)) });
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onChange({ q });
  };
  const select = (
    name: 'alliance' | 'institute' | 'enterprise' | 'base' | 'fund',
    label: string,
    choices: { id: string; name: string }[] | undefined,
  ) => (
    <label>
      {label}
      <select value={query[name]} onChange={(e) => onChange({ [name]: e.target.value })}>
        <option value="">{t.any}</option>
        {/* Keep a value from a bookmark selectable while the options load. */}
        {query[name] && !choices?.some((c) => c.id === query[name]) && (
          <option value={query[name]}>{query[name]}</option>
        )}
        {choices?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="filters" role="search" aria-label={t.filters} onSubmit={submit}>
      <fieldset className="stage-filter">
        <legend>{t.stages}</legend>
        {ALL_STAGES.map((stage) => (
          <label key={stage} className="check">
            <input
              type="checkbox"
              checked={query.stages.includes(stage)}
              onChange={(e) => toggleStage(stage, e.target.checked)}
            />
            {stageName(stage, lang)}
          </label>
        ))}
      </fieldset>
      <div className="filter-row">
        {select('alliance', t.alliance, options?.alliances)}
        {select('institute', t.institute, options?.institutes ?? undefined)}
        {select(
          'enterprise',
          t.enterprise,
          options?.enterprises?.edges.map((e) => e.node),
        )}
        {select('base', t.pilotBase, options?.pilotBases ?? undefined)}
        {select('fund', t.fund, options?.funds ?? undefined)}
        <label>
          {t.keyProject}
          <select value={query.key} onChange={(e) => onChange({ key: e.target.value as BoardQuery['key'] })}>
            <option value="">{t.any}</option>
            <option value="yes">{t.keyOnly}</option>
            <option value="no">{t.keyNot}</option>
          </select>
        </label>
        <label>
          {t.dockedFrom}
          <input type="date" value={query.from} onChange={(e) => onChange({ from: e.target.value })} />
        </label>
        <label>
          {t.dockedTo}
          <input type="date" value={query.to} onChange={(e) => onChange({ to: e.target.value })} />
        </label>
        <label>
          {t.order}
          <select
            value={query.order}
            onChange={(e) => onChange({ order: isOrderName(e.target.value) ? e.target.value : 'newest' })}
          >
            <option value="newest">{t.newest}</option>
            <option value="oldest">{t.oldest}</option>
            <option value="moved">{t.recentlyMoved}</option>
            <option value="code">{t.byCode}</option>
            <option value="title">{t.byTitle}</option>
          </select>
        </label>
        <label>
          {t.search}
          <input type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t.apply}</button>
        <button type="button" onClick={onClear}>
          {t.clear}
        </button>
      </div>
    </form>
  );
}

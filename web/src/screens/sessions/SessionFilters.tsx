import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { Field } from '../../forms/Field';
import { matchField } from '../../forms/fieldError';
import { chargerLabel, type Lookups } from './lookups';
import { filterFields, noFilters, sorts, type SessionFilters as Filters } from './sessionQuery';

/**
 * The filter bar. Choices from a list apply at once; typed ones (the ID tag, the dates) on
 * "Apply" or Enter, so the list does not reload at every key.
 */
export function SessionFilters({ filters, lookups, error, timeZone, onApply }: {
  filters: Filters; lookups: Lookups; error: ApiError | null; timeZone?: string; onApply: (f: Filters) => void;
}) {
  const id = useId().replace(/:/g, '');
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const errorName = matchField(error?.field, filterFields);
  const errorFor = (name: string) => (errorName === name ? error?.message : undefined);
  const choose = (change: Partial<Filters>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    onApply(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const changed = JSON.stringify(draft) !== JSON.stringify(filters);
  const any = JSON.stringify(filters) !== JSON.stringify(noFilters);

  return (
    <form className="ss-filters" onSubmit={submit} aria-label="Filter sessions" noValidate>
      <Field id={`${id}-charger`} label="Charger" error={errorFor('chargerId')}>
        {(c) => (
          <select {...c} value={draft.chargerId} onChange={(e) => choose({ chargerId: e.target.value })}>
            <option value="">All chargers</option>
            {lookups.chargers.map((ch) => <option key={ch.id} value={ch.id}>{chargerLabel(lookups, ch.id)}</option>)}
            {draft.chargerId && !lookups.chargers.some((ch) => ch.id === draft.chargerId) && (
              <option value={draft.chargerId}>{draft.chargerId}</option>
            )}
          </select>
        )}
      </Field>
      <Field id={`${id}-status`} label="Status" error={errorFor('status')}>
        {(c) => (
          <select {...c} value={draft.status} onChange={(e) => choose({ status: e.target.value as Filters['status'] })}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="stopped">Stopped</option>
          </select>
        )}
      </Field>
      <Field id={`${id}-vehicle`} label="Vehicle" error={errorFor('vehicleId')}>
        {(c) => (
          <select {...c} value={draft.vehicleId} onChange={(e) => choose({ vehicleId: e.target.value })}>
            <option value="">All vehicles</option>
            {lookups.vehicles.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-tag`} label="ID tag" error={errorFor('idTag')}>
        {(c) => <input {...c} value={draft.idTag} onChange={(e) => setDraft({ ...draft, idTag: e.target.value })} spellCheck={false} />}
      </Field>
      <Field id={`${id}-from`} label="From" error={errorFor('from')}>
        {(c) => <input {...c} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
      </Field>
      <Field id={`${id}-to`} label="To" error={errorFor('to')}>
        {(c) => <input {...c} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
      </Field>
      <Field id={`${id}-sort`} label="Sort" error={errorFor('sort')}>
        {(c) => (
          <select {...c} value={draft.sort} onChange={(e) => choose({ sort: e.target.value })}>
            {sorts.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        )}
      </Field>
      <div className="ss-filter-actions">
        <button type="submit" className={'fm-button' + (changed ? ' fm-primary' : '')}>Apply</button>
        {any && <button type="button" className="fm-button fm-quiet" onClick={() => choose(noFilters)}>Clear filters</button>}
      </div>
      <p className="ss-zone fm-muted fm-small">Dates in {timeZone ?? 'this browser’s time'}.</p>
    </form>
  );
}

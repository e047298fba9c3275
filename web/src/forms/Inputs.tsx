import type { ControlProps } from './Field';
import { Field } from './Field';
import { getAt, setAt } from './fieldError';
import { asText, weekDays, type FieldSpec, type FormValues } from './spec';
import { isoToLocalInput, localInputToIso } from './zonedTime';

export interface InputContext {
  idPrefix: string;
  values: FormValues;
  onChange: (values: FormValues) => void;
  errorName?: string;
  errorMessage?: string;
  disabled?: boolean;
}

export function inputId(idPrefix: string, name: string): string {
  return `${idPrefix}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** One field of a form: the right control for its kind, wired to the form's values and error. */
export function SpecInput({ spec, name, context }: { spec: FieldSpec; name: string; context: InputContext }) {
  const { values, onChange, errorName, errorMessage, idPrefix, disabled } = context;
  const id = inputId(idPrefix, name);
  const error = errorName === name ? errorMessage : undefined;
  const value = getAt(values, name);
  const set = (next: unknown) => onChange(setAt(values, name, next));

  if (spec.kind === 'checkbox')
    return (
      <div className={'fm-field fm-check' + (error ? ' fm-field-invalid' : '')}>
        <input type="checkbox" id={id} checked={value === true} disabled={disabled}
          onChange={(e) => set(e.target.checked)} aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined} />
        <label htmlFor={id}>{spec.label}</label>
        {error && <p id={`${id}-error`} className="fm-error" role="alert">{error}</p>}
      </div>
    );
  if (spec.kind === 'days') return <DaysInput spec={spec} id={id} value={value} set={set} error={error} disabled={disabled} />;
  if (spec.kind === 'rows') return <RowsInput spec={spec} name={name} context={context} error={error} />;

  return (
    <Field id={id} label={spec.label} hint={spec.hint} error={error} required={spec.required}>
      {(control) => <Control spec={spec} control={control} value={value} set={set} disabled={disabled} />}
    </Field>
  );
}

function Control({ spec, control, value, set, disabled }: {
  spec: FieldSpec; control: ControlProps; value: unknown; set: (v: unknown) => void; disabled?: boolean;
}) {
  const common = { ...control, disabled, readOnly: spec.readOnly, required: spec.required, placeholder: spec.placeholder, autoComplete: spec.autoComplete };
  switch (spec.kind) {
    case 'select':
      return (
        <select {...common} value={asText(value)} onChange={(e) => set(e.target.value)}>
          {(spec.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
    case 'textarea':
    case 'list':
      return <textarea {...common} rows={spec.kind === 'list' ? 2 : 3} value={asText(value)} onChange={(e) => set(e.target.value)} />;
    case 'datetime':
      return (
        <input {...common} type="datetime-local" value={isoToLocalInput(asText(value), spec.timeZone)}
          onChange={(e) => set(localInputToIso(e.target.value, spec.timeZone))} />
      );
    case 'number':
      return <input {...common} type="number" inputMode="decimal" step={spec.step ?? 'any'} value={asText(value)}
        onChange={(e) => set(e.target.value)} />;
    default:
      if (spec.suggestions?.length)
        return (
          <>
            <input {...common} type="text" list={`${control.id}-list`} value={asText(value)} onChange={(e) => set(e.target.value)} />
            <datalist id={`${control.id}-list`}>
              {spec.suggestions.map((s) => <option key={s} value={s} />)}
            </datalist>
          </>
        );
      return <input {...common} type={spec.kind ?? 'text'} value={asText(value)} onChange={(e) => set(e.target.value)} />;
  }
}

function DaysInput({ spec, id, value, set, error, disabled }: {
  spec: FieldSpec; id: string; value: unknown; set: (v: unknown) => void; error?: string; disabled?: boolean;
}) {
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const toggle = (day: string, on: boolean) => set(weekDays.filter((d) => (d === day ? on : chosen.includes(d))));
  return (
    <fieldset className={'fm-field fm-days' + (error ? ' fm-field-invalid' : '')}
      aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="fm-label">{spec.label}</legend>
      <div className="fm-days-row">
        {weekDays.map((day) => (
          <label key={day} className="fm-day">
            <input type="checkbox" id={`${id}-${day}`} checked={chosen.includes(day)} disabled={disabled}
              onChange={(e) => toggle(day, e.target.checked)} />
            {day}
          </label>
        ))}
      </div>
      {error && <p id={`${id}-error`} className="fm-error" role="alert">{error}</p>}
    </fieldset>
  );
}

function RowsInput({ spec, name, context, error }: { spec: FieldSpec; name: string; context: InputContext; error?: string }) {
  const rows = getAt(context.values, name);
  const list = Array.isArray(rows) ? (rows as FormValues[]) : [];
  const setRows = (next: FormValues[]) => context.onChange(setAt(context.values, name, next));
  const rowLabel = spec.rowLabel ?? 'row';
  return (
    <fieldset className={'fm-field fm-rows' + (error ? ' fm-field-invalid' : '')}>
      <legend className="fm-label">{spec.label}</legend>
      {spec.hint && <p className="fm-hint">{spec.hint}</p>}
      {list.length === 0 && <p className="fm-hint">None.</p>}
      {list.map((_, index) => (
        <div key={index} className="fm-row" role="group" aria-label={`${spec.label} ${rowLabel} ${index + 1}`}>
          {(spec.rowFields ?? []).map((sub) => (
            <SpecInput key={sub.name} spec={sub} name={`${name}/${index}/${sub.name}`} context={context} />
          ))}
          {!(spec.keepSavedRows && list[index].saved === true) && (
            <button type="button" className="fm-button fm-quiet" disabled={context.disabled}
              onClick={() => setRows(list.filter((__, i) => i !== index))}>
              Remove {rowLabel} {index + 1}
            </button>
          )}
        </div>
      ))}
      <button type="button" className="fm-button" disabled={context.disabled}
        onClick={() => setRows([...list, { ...(spec.newRow ?? {}) }])}>
        Add {rowLabel}
      </button>
      {error && <p className="fm-error" role="alert">{error}</p>}
    </fieldset>
  );
}

import { useEffect, useId, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { ErrorBanner } from './Field';
import { matchField } from './fieldError';
import { inputId, SpecInput } from './Inputs';
import { fieldNames, type FieldSpec, type FormValues } from './spec';
import './forms.css';

/** What the user should read for an error the API gave, by status. */
export function describeError(error: ApiError): string {
  if (error.status === 0) return 'The server cannot be reached. Check the connection and try again.';
  if (error.status === 403 && error.code === 'forbidden') return `You may not do this: ${error.message}.`;
  return error.message;
}

/**
 * A form described by `fields`. The API's error goes next to the input it names (and that input
 * gets the focus); an error no input holds goes to the banner above.
 */
export function SpecForm(props: {
  fields: FieldSpec[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  onSubmit: () => void;
  error: ApiError | null;
  notice?: ReactNode;
  busy?: boolean;
  submitLabel?: string;
  label: string;
  /** Shown, not editable: the user's role may not change it. */
  readOnly?: boolean;
  children?: ReactNode;
}) {
  const { fields, values, error, busy } = props;
  const idPrefix = useId().replace(/:/g, '');
  const errorName = matchField(error?.field, fieldNames(fields, values));

  useEffect(() => {
    if (!errorName) return;
    document.getElementById(inputId(idPrefix, errorName))?.focus();
  }, [error, errorName, idPrefix]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  const context = {
    idPrefix, values, onChange: props.onChange, errorName, disabled: busy || props.readOnly,
    errorMessage: error ? error.message : undefined,
  };
  return (
    <form className="fm-form" onSubmit={submit} aria-label={props.label} noValidate>
      <ErrorBanner message={error && !errorName ? describeError(error) : null} />
      {props.notice}
      <div className="fm-grid">
        {fields.map((spec) => <SpecInput key={spec.name} spec={spec} name={spec.name} context={context} />)}
      </div>
      {!props.readOnly && <div className="fm-actions">
        <button type="submit" className="fm-button fm-primary" disabled={busy} aria-busy={busy || undefined}>
          {props.submitLabel ?? 'Save'}
        </button>
        {props.children}
      </div>}
    </form>
  );
}

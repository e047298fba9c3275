import type { ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled input with its hint and the API's error for it. The error is an alert (read out when
 * it appears) and the input's description, so a screen reader names it with the input.
 */
export function Field(props: {
  id: string; label: string; hint?: string; error?: string; required?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const { id, label, hint, error, required } = props;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const control: ControlProps = { id };
  if (error) control['aria-invalid'] = true;
  if (described) control['aria-describedby'] = described;
  return (
    <div className={'fm-field' + (error ? ' fm-field-invalid' : '')}>
      <span className="fm-label-row">
        <label htmlFor={id} className="fm-label">{label}</label>
        {required && <span className="fm-required" aria-hidden="true">*</span>}
      </span>
      {props.children(control)}
      {hint && <p id={`${id}-hint`} className="fm-hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="fm-error" role="alert">{error}</p>}
    </div>
  );
}

/** An error no input holds (a conflict, a permission, the network): shown above the form. */
export function ErrorBanner({ message, title }: { message: string | null | undefined; title?: string }) {
  if (!message) return null;
  return (
    <div className="fm-banner" role="alert">
      {title && <strong>{title} </strong>}
      {message}
    </div>
  );
}

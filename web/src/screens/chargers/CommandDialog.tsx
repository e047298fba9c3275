import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { JsonView } from '../../components/JsonView';
import { StatusBadge } from '../../components/StatusBadge';
import { commandErrorText } from './commandErrors';
import {
  buildCommandBody, effectiveValues, formFieldOf, type CommandContext, type CommandSpec, type FieldSpec, type FormValues, type OcppVersion,
} from './commands';

type Outcome = { kind: 'answer'; answer: unknown } | { kind: 'error'; error: ApiError };

/** Confirms one command with its parameters, sends it, and shows the charger's answer in place. */
export function CommandDialog({ chargerId, spec, version, context, onClose, onSent }: {
  chargerId: string; spec: CommandSpec; version: OcppVersion; context: CommandContext;
  onClose: () => void; onSent: () => void;
}) {
  const fields = spec.fields(version, context);
  const [typed, setValues] = useState<FormValues>(() => spec.defaults(version, context));
  const values = effectiveValues(fields, typed);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const action = spec.action(version);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildCommandBody(spec.kind, version, values);
    if (!built.ok) {
      setFieldErrors({ [built.field]: built.message });
      return;
    }
    setFieldErrors({});
    setSending(true);
    try {
      const answer = await api.post<unknown>(`/api/v1/chargers/${encodeURIComponent(chargerId)}/commands/${action}`, built.body);
      setOutcome({ kind: 'answer', answer });
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : new ApiError(0, 'unexpected', String(cause));
      const field = error.status === 422 ? formFieldOf(spec.kind, error.field) : undefined;
      if (field) setFieldErrors({ [field]: error.message });
      setOutcome({ kind: 'error', error });
    } finally {
      setSending(false);
      onSent();
    }
  };

  const title = `Confirm ${spec.title.toLowerCase()}`;
  if (outcome?.kind === 'answer')
    return (
      <Dialog key="answer" title={title} onClose={onClose}
        footer={<button type="button" className="button button-primary" onClick={onClose} data-autofocus>Close</button>}>
        <CommandAnswer action={action} answer={outcome.answer} />
      </Dialog>
    );

  return (
    <Dialog key="form" title={title} onClose={onClose}>
      <form onSubmit={send} noValidate>
        <p className="muted">
          Send <code>{action}</code> to <strong>{chargerId}</strong> (OCPP {version}).
        </p>
        {fields.map((f) => (
          <CommandField key={f.name} spec={f} value={values[f.name] ?? ''} error={fieldErrors[f.name]}
            onChange={(value) => setValues((v) => ({ ...v, [f.name]: value }))} />
        ))}
        {outcome?.kind === 'error' && <CommandFailure error={outcome.error} />}
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? 'Sending…' : outcome ? 'Try again' : 'Confirm'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CommandField({ spec, value, error, onChange }: {
  spec: FieldSpec; value: string; error?: string; onChange: (value: string) => void;
}) {
  return (
    <Field label={spec.label} error={error} hint={spec.hint}>
      {spec.kind === 'select' ? (
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          {spec.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      ) : (
        <input type="text" inputMode={spec.kind === 'number' ? 'numeric' : undefined} value={value}
          required={spec.required} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** The charger's CALLRESULT: its status up front (what operators look for), the whole payload below. */
export function CommandAnswer({ action, answer }: { action: string; answer: unknown }) {
  const status = (answer as { status?: unknown } | null)?.status;
  return (
    <div className="command-answer" role="status" aria-label="Charger's answer">
      <p>
        The charger answered {action}:{' '}
        {typeof status === 'string' ? <StatusBadge status={status} /> : <span className="muted">(no status)</span>}
      </p>
      <JsonView value={answer} label="Answer payload" />
    </div>
  );
}

export function CommandFailure({ error }: { error: ApiError }) {
  const text = commandErrorText(error);
  return (
    <div className="command-failure" role="alert">
      <p className="command-failure-title">{text.title}</p>
      <p>{text.detail}</p>
    </div>
  );
}

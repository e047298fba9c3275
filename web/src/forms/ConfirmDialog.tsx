import { useEffect, useId, useRef } from 'react';
import './forms.css';

/**
 * Asks before something that cannot be undone. Modal: focus starts on Cancel (the safe choice),
 * stays inside, Escape cancels, and goes back where it was when the dialog closes.
 */
export function ConfirmDialog(props: {
  title: string; message: string; confirmLabel: string; busy?: boolean; error?: string | null;
  onConfirm: () => void; onCancel: () => void;
}) {
  const { onCancel } = props;
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    return () => before?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
      } else if (event.key === 'Tab' && dialog.current) {
        const buttons = Array.from(dialog.current.querySelectorAll<HTMLElement>('button:not([disabled])'));
        if (buttons.length === 0) return;
        const first = buttons[0];
        const last = buttons[buttons.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);

  return (
    <div className="fm-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="fm-dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} ref={dialog}>
        <h2 id={titleId} className="fm-dialog-title">{props.title}</h2>
        <p>{props.message}</p>
        {props.error && <p className="fm-error" role="alert">{props.error}</p>}
        <div className="fm-actions">
          <button type="button" className="fm-button fm-danger" onClick={props.onConfirm} disabled={props.busy}>
            {props.confirmLabel}
          </button>
          <button type="button" className="fm-button" ref={cancel} onClick={onCancel}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

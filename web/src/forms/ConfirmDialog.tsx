import { Dialog } from '../components/Dialog';
import './forms.css';

/**
 * Asks before something that cannot be undone: a modal alert dialog whose focus starts on Cancel
 * (the safe choice); Escape cancels.
 */
export function ConfirmDialog(props: {
  title: string; message: string; confirmLabel: string; busy?: boolean; error?: string | null;
  onConfirm: () => void; onCancel: () => void;
}) {
  const footer = (
    <div className="fm-actions">
      <button type="button" className="fm-button fm-danger" onClick={props.onConfirm} disabled={props.busy}>
        {props.confirmLabel}
      </button>
      <button type="button" className="fm-button" data-autofocus onClick={props.onCancel}>Cancel</button>
    </div>
  );
  return (
    <Dialog title={props.title} onClose={props.onCancel} role="alertdialog" footer={footer}>
      <p>{props.message}</p>
      {props.error && <p className="fm-error" role="alert">{props.error}</p>}
    </Dialog>
  );
}

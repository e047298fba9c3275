import { statusTone } from './statusTone';

/** An OCPP status (or "Offline") as a coloured pill; the text carries the meaning, colour only helps. */
export function StatusBadge({ status, label }: { status: string | null | undefined; label?: string }) {
  const text = status || 'Unknown';
  return (
    <span className={`badge badge-${statusTone(text)}`} aria-label={label ? `${label}: ${text}` : undefined}>
      {text}
    </span>
  );
}

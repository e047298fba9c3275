import { formatKw } from '../format';

/** The share of the limit in use, 0–1 (above 1 when over the limit); null without a limit. */
export function loadShare(powerKw: number, limitKw: number | null | undefined): number | null {
  if (limitKw === null || limitKw === undefined || limitKw <= 0) return null;
  return Math.max(0, powerKw) / limitKw;
}

export function loadTone(share: number | null): 'ok' | 'warn' | 'fault' {
  if (share === null || share < 0.8) return 'ok';
  return share <= 1 ? 'warn' : 'fault';
}

/** Power against its limit: "120.0 kW of 400 kW" with a bar, exposed as a meter to assistive tech. */
export function PowerBar({ label, caption, powerKw, limitKw, size = 'small' }: {
  /** The meter's accessible name; `caption` is the shorter visible text when the context says the rest. */
  label: string; caption?: string; powerKw: number; limitKw: number | null | undefined; size?: 'small' | 'large';
}) {
  const share = loadShare(powerKw, limitKw);
  const tone = loadTone(share);
  const limitText = limitKw === null || limitKw === undefined ? 'no limit' : `of ${formatKw(limitKw, 0)}`;
  return (
    <div className={`powerbar powerbar-${size}`}>
      <div className="powerbar-text">
        <span className="powerbar-label">{caption ?? label}</span>
        <span className="powerbar-value">
          <strong>{formatKw(powerKw)}</strong> <span className="muted">{limitText}</span>
          {share !== null && <span className={`powerbar-share tone-${tone}`}> {Math.round(share * 100)}%</span>}
        </span>
      </div>
      <div
        className="powerbar-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limitKw ?? undefined}
        aria-valuenow={Number(powerKw.toFixed(1))}
        aria-valuetext={`${formatKw(powerKw)} ${limitText}`}
      >
        <div className={`powerbar-fill tone-bg-${tone}`} style={{ width: `${Math.min(1, share ?? 0) * 100}%` }} />
      </div>
    </div>
  );
}

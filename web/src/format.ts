// Times are shown in the site's time zone (an IANA name from the site), or the browser's when the
// record belongs to no site.

export function formatTime(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timeZone ?? undefined,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hour12: false,
  }).format(date);
}

export function formatKw(kw: number | null | undefined, digits = 1): string {
  return kw === null || kw === undefined ? '—' : `${kw.toFixed(digits)} kW`;
}

export function formatKwh(wh: number | null | undefined): string {
  return wh === null || wh === undefined ? '—' : `${(wh / 1000).toFixed(2)} kWh`;
}

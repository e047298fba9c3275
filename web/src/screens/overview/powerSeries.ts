// The points of a site's power chart: the server's history (average per step), then what the live
// stream said since, then the current value held up to now so a steady load still draws a line.

export interface PowerPoint { atMs: number; powerKw: number }

export const chartHoursBack = 6;

/** History and live points in time order, live points only after the history ends, trimmed to the window. */
export function mergePowerPoints(history: PowerPoint[], live: PowerPoint[], nowMs: number, windowMs = chartHoursBack * 3600_000): PowerPoint[] {
  const start = nowMs - windowMs;
  const sortedHistory = [...history].sort((a, b) => a.atMs - b.atMs);
  const historyEnd = sortedHistory.length ? sortedHistory[sortedHistory.length - 1].atMs : -Infinity;
  const later = live.filter((p) => p.atMs > historyEnd).sort((a, b) => a.atMs - b.atMs);
  // A live reading may be a moment newer than the clock the chart last read: keep it.
  const points = [...sortedHistory, ...later].filter((p) => p.atMs >= start);
  const last = points[points.length - 1];
  if (last && last.atMs < nowMs) points.push({ atMs: nowMs, powerKw: last.powerKw });
  return points;
}

/**
 * uPlot's columns: x in seconds, power, and the limit as a flat line. The window's start is added
 * with no power so the time axis and the limit span the whole window even before data arrives.
 */
export function chartColumns(points: PowerPoint[], limitKw: number | null, windowStartMs?: number): [number[], (number | null)[], (number | null)[]] {
  const lead = windowStartMs !== undefined && (points.length === 0 || points[0].atMs > windowStartMs) ? [windowStartMs] : [];
  return [
    [...lead.map((ms) => ms / 1000), ...points.map((p) => p.atMs / 1000)],
    [...lead.map(() => null), ...points.map((p) => p.powerKw)],
    [...lead.map(() => limitKw), ...points.map(() => limitKw)],
  ];
}

/** The history endpoint's items as points, skipping any with an unreadable time. */
export function historyPoints(items: { at: string; powerKw: number }[]): PowerPoint[] {
  return items
    .map((i) => ({ atMs: Date.parse(i.at), powerKw: i.powerKw }))
    .filter((p) => Number.isFinite(p.atMs) && Number.isFinite(p.powerKw));
}

/** Appends a live reading unless it repeats the last one within a second (one message, several events). */
export function appendLive(trail: PowerPoint[], point: PowerPoint, maxPoints = 5000): PowerPoint[] {
  const last = trail[trail.length - 1];
  if (last && point.atMs - last.atMs < 1000 && last.powerKw === point.powerKw) return trail;
  const next = [...trail, point];
  return next.length > maxPoints ? next.slice(next.length - maxPoints) : next;
}

// The session chart's data from its meter values: energy delivered since the first register
// reading, and power — as the charger reported it, or derived from the register when it sent none.
import type { MeterValue } from './types';

export const ENERGY = 'Energy.Active.Import.Register';
export const POWER = 'Power.Active.Import';

export interface ChartSeries {
  /** Seconds since the epoch, ascending, one per column. */
  times: number[];
  energyKwh: (number | null)[];
  powerKw: (number | null)[];
  /** True when the power is computed from energy deltas. */
  powerDerived: boolean;
}

/**
 * One reading per time: the whole-meter value (no phase) when there is one, else the sum over the
 * phases (a charger that reports only L1, L2, L3).
 */
function byTime(values: MeterValue[], measurand: string): Map<number, number> {
  const whole = new Map<number, number>();
  const phases = new Map<number, number>();
  for (const v of values) {
    if (v.measurand !== measurand || v.value === null || !Number.isFinite(v.value)) continue;
    if (v.location && v.location !== 'Outlet' && v.location !== 'Inlet') continue; // EV- or cable-side readings
    const t = Math.floor(new Date(v.timestamp).getTime() / 1000);
    if (Number.isNaN(t)) continue;
    if (!v.phase) whole.set(t, v.value);
    else if (/^L[123](-N)?$/.test(v.phase)) phases.set(t, (phases.get(t) ?? 0) + v.value);
  }
  for (const [t, value] of phases) if (!whole.has(t)) whole.set(t, value);
  return whole;
}

/** Power in kW between consecutive register readings, at the later one; a falling register is 0. */
export function derivePower(energyWh: [number, number][]): Map<number, number> {
  const power = new Map<number, number>();
  for (let i = 1; i < energyWh.length; i++) {
    const [t0, e0] = energyWh[i - 1];
    const [t1, e1] = energyWh[i];
    const hours = (t1 - t0) / 3600;
    if (hours <= 0) continue;
    power.set(t1, Math.max(0, e1 - e0) / 1000 / hours);
  }
  return power;
}

/** The session's own meter start and stop (OCPP 1.6 sends them apart from the meter values). */
export interface MeterEnds { startedAt: string; meterStartWh: number; stoppedAt: string | null; meterStopWh: number | null }

/**
 * The chart's columns. With `ends`, the session's meter start and stop join the register readings
 * (when there are any: without them the API reports a start of 0 that was never read), so the
 * chart starts at 0 when the session started and ends at the energy the session shows.
 */
export function buildSeries(values: MeterValue[], ends?: MeterEnds): ChartSeries {
  const readings = byTime(values, ENERGY);
  if (ends && readings.size > 0) {
    const at = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
    if (!readings.has(at(ends.startedAt))) readings.set(at(ends.startedAt), ends.meterStartWh);
    if (ends.stoppedAt && ends.meterStopWh !== null && !readings.has(at(ends.stoppedAt))) readings.set(at(ends.stoppedAt), ends.meterStopWh);
  }
  const energy = [...readings].sort((a, b) => a[0] - b[0]);
  const reported = byTime(values, POWER);
  const powerDerived = reported.size === 0;
  const power = powerDerived ? derivePower(energy) : reported;
  const start = energy.length ? energy[0][1] : 0;
  const energyAt = new Map(energy.map(([t, wh]) => [t, Math.max(0, wh - start) / 1000]));
  const times = [...new Set([...energyAt.keys(), ...power.keys()])].sort((a, b) => a - b);
  return {
    times,
    energyKwh: times.map((t) => energyAt.get(t) ?? null),
    powerKw: times.map((t) => {
      const w = power.get(t);
      return w === undefined ? null : powerDerived ? w : w / 1000;
    }),
    powerDerived,
  };
}

export function hasData(series: ChartSeries): boolean {
  return series.energyKwh.some((v) => v !== null) || series.powerKw.some((v) => v !== null);
}

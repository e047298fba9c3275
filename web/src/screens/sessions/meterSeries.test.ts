import { buildSeries, derivePower } from './meterSeries';
import type { MeterValue } from './types';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 18, minutes)).toISOString();
const t = (minutes: number) => Date.UTC(2026, 10, 27, 18, minutes) / 1000;
const mv = (measurand: string, value: number | null, minutes: number, extra: Partial<MeterValue> = {}): MeterValue =>
  ({ measurand, value, timestamp: at(minutes), phase: null, location: 'Outlet', context: 'Sample.Periodic', unit: null, ...extra });
const energy = (wh: number, minutes: number) => mv('Energy.Active.Import.Register', wh, minutes);

describe('derivePower', () => {
  it('turns energy deltas into kW at the later reading, a falling register into 0', () => {
    const power = derivePower([[0, 1000], [900, 6500], [1800, 6000], [1800, 7000]]);
    expect(power.get(900)).toBeCloseTo(22); // 5.5 kWh in a quarter of an hour
    expect(power.get(1800)).toBe(0);
    expect(power.size).toBe(2);
  });
});

describe('buildSeries', () => {
  it('derives power from the register when the charger sent none, energy counted from the first reading', () => {
    const series = buildSeries([energy(12000, 15), energy(10000, 0), energy(17500, 30)]);
    expect(series.times).toEqual([t(0), t(15), t(30)]);
    expect(series.energyKwh).toEqual([0, 2, 7.5]);
    expect(series.powerDerived).toBe(true);
    expect(series.powerKw[0]).toBeNull();
    expect(series.powerKw[1]).toBeCloseTo(8);
    expect(series.powerKw[2]).toBeCloseTo(22);
  });

  it("uses the charger's power in kW when it sent some, on its own times", () => {
    const series = buildSeries([
      energy(0, 0), energy(5000, 15),
      mv('Power.Active.Import', 20000, 0), mv('Power.Active.Import', 21000, 10),
      mv('SoC', 50, 10),
    ]);
    expect(series.powerDerived).toBe(false);
    expect(series.times).toEqual([t(0), t(10), t(15)]);
    expect(series.powerKw).toEqual([20, 21, null]);
    expect(series.energyKwh).toEqual([0, null, 5]);
  });

  it('sums phases when there is no whole-meter value and skips EV-side and empty readings', () => {
    const series = buildSeries([
      mv('Power.Active.Import', 7000, 0, { phase: 'L1' }), mv('Power.Active.Import', 7000, 0, { phase: 'L2' }),
      mv('Power.Active.Import', 7000, 0, { phase: 'L3' }),
      mv('Power.Active.Import', 11000, 5), mv('Power.Active.Import', 3000, 5, { phase: 'L1' }),
      mv('Power.Active.Import', 99000, 10, { location: 'EV' }),
      mv('Power.Active.Import', null, 15),
    ]);
    expect(series.times).toEqual([t(0), t(5)]);
    expect(series.powerKw).toEqual([21, 11]);
    expect(series.energyKwh).toEqual([null, null]);
  });

  it("anchors the register to the session's meter start and stop, but not without readings", () => {
    const ends = { startedAt: at(0), meterStartWh: 1000, stoppedAt: at(30), meterStopWh: 9000 };
    const series = buildSeries([energy(3000, 10), energy(7000, 20)], ends);
    expect(series.times).toEqual([t(0), t(10), t(20), t(30)]);
    expect(series.energyKwh).toEqual([0, 2, 6, 8]);
    expect(series.powerKw[1]).toBeCloseTo(12);
    expect(buildSeries([mv('Power.Active.Import', 5000, 5)], ends).energyKwh).toEqual([null]);
  });

  it('is empty without values', () => {
    expect(buildSeries([])).toEqual({ times: [], energyKwh: [], powerKw: [], powerDerived: true });
  });
});

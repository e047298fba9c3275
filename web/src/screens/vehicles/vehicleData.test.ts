import type { MeterValue, Session } from '../sessions/types';
import { activeSessionByVehicle, latestSoc, mapLimited, untilText } from './vehicleData';

const session = (over: Partial<Session>): Session => ({
  transactionId: 1, stationTransactionId: null, chargerId: 'CP-1', evseId: 1, connectorId: 1, idTag: null,
  authorization: 'Accepted', status: 'active', meterStartWh: 0, meterStopWh: null, energyWh: null,
  startedAt: '2026-11-27T20:00:00.000Z', stoppedAt: null, stopIdTag: null, stopReason: null, chargingState: null,
  durationS: null, cost: null, vehicleId: 'v1', vehicleLink: 'token', ...over,
});

const value = (measurand: string, v: number | null, timestamp: string): MeterValue =>
  ({ measurand, value: v, timestamp, phase: null, location: null, context: null, unit: null });

describe('activeSessionByVehicle', () => {
  it('keeps the newest active session per vehicle and ignores stopped or unlinked ones', () => {
    const map = activeSessionByVehicle([
      session({ transactionId: 1, startedAt: '2026-11-27T20:00:00.000Z' }),
      session({ transactionId: 2, startedAt: '2026-11-27T21:00:00.000Z' }),
      session({ transactionId: 3, status: 'stopped', startedAt: '2026-11-27T22:00:00.000Z' }),
      session({ transactionId: 4, vehicleId: null }),
      session({ transactionId: 5, vehicleId: 'v2' }),
    ]);
    expect(map.get('v1')?.transactionId).toBe(2);
    expect(map.get('v2')?.transactionId).toBe(5);
    expect(map.size).toBe(2);
  });
});

describe('latestSoc', () => {
  it('takes the newest SoC reading and skips other measurands and empty values', () => {
    expect(latestSoc([
      value('SoC', 40, '2026-11-27T20:10:00.000Z'),
      value('SoC', 55, '2026-11-27T20:30:00.000Z'),
      value('SoC', 50, '2026-11-27T20:20:00.000Z'),
      value('Energy.Active.Import.Register', 9000, '2026-11-27T20:40:00.000Z'),
      value('SoC', null, '2026-11-27T20:50:00.000Z'),
    ])).toEqual({ soc: 55, at: '2026-11-27T20:30:00.000Z' });
    expect(latestSoc([value('Power.Active.Import', 7000, '2026-11-27T20:40:00.000Z')])).toBeNull();
  });
});

describe('mapLimited', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5 - n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });
});

describe('untilText', () => {
  const now = Date.UTC(2026, 10, 28, 0, 0);
  it('says how long is left, coarser the further away', () => {
    expect(untilText(new Date(now + 5 * 60000).toISOString(), now)).toBe('in 5 min');
    expect(untilText(new Date(now + 6.5 * 3600000).toISOString(), now)).toBe('in 6 h 30 min');
    expect(untilText(new Date(now + 3 * 86400000).toISOString(), now)).toBe('in 3 days');
    expect(untilText(new Date(now - 60000).toISOString(), now)).toBe('now');
  });
});

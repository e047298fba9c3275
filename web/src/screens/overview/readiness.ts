import type { NextDeparture } from './types';

export interface DepartureOutlook {
  vehicles: number;
  leavingSoon: number;
  leavingSoonCharging: number;
  leavingSoonNotCharging: number;
  noDeparture: number;
}

/**
 * What can honestly be said about the fleet's next departures: the API reports no vehicle's
 * state of charge, so "ready" cannot be known. What is known: who leaves within the window, and
 * whether each of those is in an active charging session now.
 */
export function departureOutlook(
  departures: Map<string, NextDeparture | null>, chargingVehicles: Set<string>, nowMs: number, windowMs: number,
): DepartureOutlook {
  let leavingSoon = 0;
  let charging = 0;
  let none = 0;
  for (const [vehicleId, next] of departures) {
    if (!next) {
      none += 1;
      continue;
    }
    const at = Date.parse(next.at);
    if (at >= nowMs && at < nowMs + windowMs) {
      leavingSoon += 1;
      if (chargingVehicles.has(vehicleId)) charging += 1;
    }
  }
  return {
    vehicles: departures.size, leavingSoon, leavingSoonCharging: charging,
    leavingSoonNotCharging: leavingSoon - charging, noDeparture: none,
  };
}

import { listOf, numberOrText, textOrNull, timeZoneNames } from '../../../forms/spec';
import { labelFor, versionedCollection, type ResourceSpec } from '../resource';
import { fleetOptions, formatNumber, str, timezoneHint } from './common';

export interface Vehicle {
  id: string; fleetId: string; name: string; registration: string | null; vin: string | null;
  batteryKwh: number; maxAcKw: number; maxDcKw: number; targetSoc: number; timezone: string; rfidTokens: string[];
}

const vehicles = versionedCollection<Vehicle>(() => '/api/v1/vehicles');

export const vehicleSpec: ResourceSpec<Vehicle> = {
  key: 'vehicles', title: 'Vehicles', singular: 'vehicle', writeRole: 'operator',
  description: 'Each vehicle with its battery, charging power, target state of charge and the RFID tokens that identify it.',
  lookups: async () => ({ fleets: await fleetOptions() }),
  ...vehicles,
  update: (item, body, etag) => vehicles.updateById(item.id, body, etag, undefined),
  remove: (item, etag) => vehicles.removeById(item.id, etag, undefined),
  idOf: (v) => v.id,
  nameOf: (v) => v.name,
  columns: [
    { label: 'Fleet', render: (v, l) => labelFor(l.fleets, v.fleetId) },
    { label: 'Registration', render: (v) => v.registration ?? '—' },
    { label: 'Battery', render: (v) => formatNumber(v.batteryKwh, 'kWh'), numeric: true },
    { label: 'Target', render: (v) => `${v.targetSoc} %`, numeric: true },
  ],
  fields: (_mode, lookups) => [
    { name: 'name', label: 'Name', required: true },
    { name: 'fleetId', label: 'Fleet', kind: 'select', required: true, options: [{ value: '', label: 'Choose a fleet' }, ...(lookups.fleets ?? [])] },
    { name: 'registration', label: 'Registration', hint: 'Licence plate' },
    { name: 'vin', label: 'VIN', hint: '17 characters' },
    { name: 'batteryKwh', label: 'Battery (kWh)', kind: 'number', required: true, hint: 'Usable capacity' },
    { name: 'targetSoc', label: 'Target SoC (%)', kind: 'number', step: '1' },
    { name: 'maxAcKw', label: 'Max AC power (kW)', kind: 'number' },
    { name: 'maxDcKw', label: 'Max DC power (kW)', kind: 'number' },
    { name: 'timezone', label: 'Time zone', suggestions: timeZoneNames, hint: `${timezoneHint}; weekly departures are in this time` },
    { name: 'rfidTokens', label: 'RFID tokens', kind: 'list', hint: 'Comma or line separated; they link sessions to this vehicle' },
  ],
  blank: (lookups) => ({
    name: '', fleetId: lookups.fleets?.[0]?.value ?? '', registration: '', vin: '', batteryKwh: '', targetSoc: '100',
    maxAcKw: '', maxDcKw: '', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, rfidTokens: '',
  }),
  toValues: (v) => ({
    name: v.name, fleetId: v.fleetId, registration: v.registration ?? '', vin: v.vin ?? '',
    batteryKwh: String(v.batteryKwh), targetSoc: String(v.targetSoc), maxAcKw: String(v.maxAcKw), maxDcKw: String(v.maxDcKw),
    timezone: v.timezone, rfidTokens: v.rfidTokens.join(', '),
  }),
  toBody: (v) => ({
    name: str(v.name), fleetId: str(v.fleetId), registration: textOrNull(v.registration), vin: textOrNull(v.vin),
    batteryKwh: numberOrText(v.batteryKwh) ?? null, targetSoc: numberOrText(v.targetSoc) ?? null,
    maxAcKw: numberOrText(v.maxAcKw) ?? 0, maxDcKw: numberOrText(v.maxDcKw) ?? 0,
    timezone: str(v.timezone) || undefined, rfidTokens: listOf(v.rfidTokens),
  }),
  related: (v) => [
    { label: `Departure schedules of ${v.name}`, to: `/settings/departures?vehicle=${encodeURIComponent(v.id)}` },
    { label: `Charging sessions of ${v.name}`, to: `/sessions?vehicleId=${encodeURIComponent(v.id)}` },
  ],
};

import { formatTime } from '../../../format';
import { numberOrText, textOrNull, type FormValues } from '../../../forms/spec';
import { api } from '../../../api/client';
import { labelFor, versionedCollection, type Lookups, type ResourceSpec } from '../resource';
import { str, type VehicleRef } from './common';

export interface Departure {
  id: string; vehicleId: string; kind: 'weekly' | 'trip'; name: string | null; days?: string[]; time?: string;
  at?: string; energyKwh: number | null; soc: number | null;
}

const path = (vehicleId: string | undefined) => `/api/v1/vehicles/${encodeURIComponent(vehicleId ?? '')}/departures`;
const departures = versionedCollection<Departure>(path);

async function vehicleLookups(): Promise<Lookups> {
  const vehicles = (await api.get<{ items: VehicleRef[] }>('/api/v1/vehicles')).items;
  return {
    vehicles: vehicles.map((v) => ({ value: v.id, label: v.name })),
    vehicleZones: vehicles.map((v) => ({ value: v.id, label: v.timezone })),
  };
}

function zoneOf(lookups: Lookups, vehicleId: unknown): string | undefined {
  return lookups.vehicleZones?.find((o) => o.value === vehicleId)?.label;
}

export const departureSpec: ResourceSpec<Departure> = {
  key: 'departures', title: 'Departure schedules', singular: 'departure', writeRole: 'operator',
  description: "When each vehicle leaves and what its battery must hold then. Weekly times are in the vehicle's time zone.",
  parent: { param: 'vehicle', label: 'Vehicle', lookup: 'vehicles', emptyText: 'Create a vehicle first: departures belong to a vehicle.' },
  lookups: vehicleLookups,
  ...departures,
  update: (item, body, etag, vehicleId) => departures.updateById(item.id, body, etag, vehicleId),
  remove: (item, etag, vehicleId) => departures.removeById(item.id, etag, vehicleId),
  idOf: (d) => d.id,
  nameOf: (d) => d.name ?? (d.kind === 'weekly' ? `Weekly ${d.time ?? ''}` : 'Trip'),
  columns: [
    {
      label: 'When',
      render: (d, l) => (d.kind === 'weekly'
        ? `${(d.days ?? []).join(' ')} at ${d.time ?? ''}`
        : formatTime(d.at, zoneOf(l, d.vehicleId))),
    },
    { label: 'Needs', render: (d) => (d.soc !== null ? `${d.soc} %` : `${d.energyKwh ?? '—'} kWh`), numeric: true },
    { label: 'Vehicle', render: (d, l) => labelFor(l.vehicles, d.vehicleId) },
  ],
  fields: (_mode, lookups, values) => {
    const zone = zoneOf(lookups, values.vehicleId);
    return [
      { name: 'name', label: 'Name', hint: 'A route or block id' },
      { name: 'kind', label: 'Kind', kind: 'select', options: [{ value: 'weekly', label: 'Weekly' }, { value: 'trip', label: 'One trip' }] },
      ...(values.kind === 'trip'
        ? [{ name: 'at', label: `Leaves at (${zone ?? 'local'})`, kind: 'datetime' as const, timeZone: zone }]
        : [
          { name: 'days', label: 'Days', kind: 'days' as const },
          { name: 'time', label: `Time (${zone ?? 'local'})`, kind: 'time' as const },
        ]),
      { name: 'soc', label: 'Needs SoC (%)', kind: 'number', hint: 'Either this…' },
      { name: 'energyKwh', label: 'Needs energy (kWh)', kind: 'number', hint: '…or this, not both' },
    ];
  },
  blank: (_l, vehicleId) => ({ vehicleId, name: '', kind: 'weekly', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], time: '06:00', at: '', soc: '', energyKwh: '' }),
  toValues: (d) => ({
    vehicleId: d.vehicleId, name: d.name ?? '', kind: d.kind, days: d.days ?? [], time: d.time ?? '', at: d.at ?? '',
    soc: d.soc ?? '', energyKwh: d.energyKwh ?? '',
  }),
  toBody: (v: FormValues) => {
    const body: Record<string, unknown> = { name: textOrNull(v.name), kind: v.kind };
    if (v.kind === 'trip') body.at = str(v.at);
    else Object.assign(body, { days: v.days, time: str(v.time) });
    const soc = numberOrText(v.soc);
    const energy = numberOrText(v.energyKwh);
    if (soc !== undefined) body.soc = soc;
    if (energy !== undefined) body.energyKwh = energy;
    return body;
  },
};

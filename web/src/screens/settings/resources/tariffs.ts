import { api } from '../../../api/client';
import { numberOrText, type FormValues, timeZoneNames, weeklyWindows } from '../../../forms/spec';
import type { ResourceSpec } from '../resource';
import { requireId, str, timezoneHint } from './common';

export interface Tariff {
  id: string; name: string; currency: string; timezone: string; pricePerKwh: number; sessionFee: number;
  periods: { days: string[]; start: string; end: string; pricePerKwh: number }[];
  demandCharge: { pricePerKw: number; intervalMinutes: number } | null;
}

const one = (id: string) => `/api/v1/tariffs/${encodeURIComponent(id)}`;

export const tariffSpec: ResourceSpec<Tariff> = {
  key: 'tariffs', title: 'Tariffs', singular: 'tariff', writeRole: 'operator',
  description: 'What energy costs: a price per kWh by local time of day, a fee per session and an optional demand charge.',
  list: async () => (await api.get<{ items: Tariff[] }>('/api/v1/tariffs')).items,
  get: async (id) => ({ data: await api.get<Tariff>(one(id)), etag: null }),
  create: async (body, values) => api.put<Tariff>(one(requireId(values.id, 'id', 'tariff ID')), body),
  update: async (item, body) => ({ data: await api.put<Tariff>(one(item.id), body), etag: null }),
  remove: (item) => api.del(one(item.id)),
  idOf: (t) => t.id,
  nameOf: (t) => t.name,
  columns: [
    { label: 'ID', render: (t) => t.id },
    { label: 'Base price', render: (t) => `${t.pricePerKwh.toFixed(2)} ${t.currency}/kWh`, numeric: true },
    { label: 'Periods', render: (t) => String(t.periods.length), numeric: true },
    { label: 'Time zone', render: (t) => t.timezone },
  ],
  fields: (mode) => [
    ...(mode === 'create' ? [{ name: 'id', label: 'Tariff ID', required: true, hint: 'Letters, digits, - _ .' }] : []),
    { name: 'name', label: 'Name', required: true },
    { name: 'currency', label: 'Currency', required: true, hint: 'ISO 4217, e.g. EUR' },
    { name: 'timezone', label: 'Time zone', suggestions: timeZoneNames, required: true, hint: timezoneHint },
    { name: 'pricePerKwh', label: 'Price per kWh', kind: 'number', required: true },
    { name: 'sessionFee', label: 'Session fee', kind: 'number' },
    weeklyWindows({
      name: 'periods', label: 'Time-of-use periods', rowLabel: 'period',
      hint: 'The first period that applies sets the price per kWh; else the price above.',
    }, { name: 'pricePerKwh', label: 'Price per kWh' }, '23:00'),
    { name: 'demandCharge/pricePerKw', label: 'Demand charge per kW', kind: 'number', hint: 'Of the monthly peak; empty for none' },
    {
      name: 'demandCharge/intervalMinutes', label: 'Peak interval (min)', kind: 'select',
      options: ['5', '10', '15', '30', '60'].map((m) => ({ value: m, label: m })),
    },
  ],
  blank: () => ({
    id: '', name: '', currency: 'EUR', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, pricePerKwh: '',
    sessionFee: '0', periods: [], demandCharge: { pricePerKw: '', intervalMinutes: '15' },
  }),
  toValues: (t) => ({
    id: t.id, name: t.name, currency: t.currency, timezone: t.timezone, pricePerKwh: String(t.pricePerKwh),
    sessionFee: String(t.sessionFee),
    periods: t.periods.map((p) => ({ ...p, pricePerKwh: String(p.pricePerKwh) })),
    demandCharge: { pricePerKw: t.demandCharge ? String(t.demandCharge.pricePerKw) : '', intervalMinutes: String(t.demandCharge?.intervalMinutes ?? 15) },
  }),
  toBody: (v) => {
    const demand = (v.demandCharge ?? {}) as FormValues;
    const pricePerKw = numberOrText(demand.pricePerKw);
    return {
      name: str(v.name), currency: str(v.currency), timezone: str(v.timezone),
      pricePerKwh: numberOrText(v.pricePerKwh) ?? null, sessionFee: numberOrText(v.sessionFee) ?? 0,
      periods: ((v.periods ?? []) as FormValues[]).map((p) => ({
        days: p.days, start: str(p.start), end: str(p.end), pricePerKwh: numberOrText(p.pricePerKwh) ?? null,
      })),
      demandCharge: pricePerKw === undefined ? null : { pricePerKw, intervalMinutes: numberOrText(demand.intervalMinutes) },
    };
  },
};

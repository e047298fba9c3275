import { requestVersioned } from '../../../forms/http';
import { numberOrText, textOrNull } from '../../../forms/spec';
import { labelFor, versionedCollection, type ResourceSpec } from '../resource';
import { noneOption, sitesWithGroups, str } from './common';

export interface ChargerRecord {
  id: string; name: string | null; siteId: string | null; loadGroupId: string | null; maxPowerKw: number | null;
  phases: number | null; registrationStatus: string; connected: boolean; ocppVersion: string; version: number;
}

const chargers = versionedCollection<ChargerRecord>(() => '/api/v1/chargers');

export const chargerSpec: ResourceSpec<ChargerRecord> = {
  key: 'chargers', title: 'Chargers', singular: 'charger', writeRole: 'admin',
  description: 'Register a charger so it is accepted when it boots, then place it in a site and load group and set its power.',
  lookups: sitesWithGroups,
  list: chargers.list,
  get: chargers.get,
  create: async (body) => (await requestVersioned<ChargerRecord>('POST', '/api/v1/chargers', { body })).data,
  update: (item, body, etag) => chargers.updateById(item.id, body, etag, undefined),
  idOf: (c) => c.id,
  nameOf: (c) => (c.name ? `${c.name} (${c.id})` : c.id),
  columns: [
    { label: 'Site', render: (c, l) => labelFor(l.sites, c.siteId) },
    { label: 'Load group', render: (c, l) => labelFor(l[`groups:${c.siteId}`], c.loadGroupId) },
    { label: 'Power', render: (c) => (c.maxPowerKw === null ? '—' : `${c.maxPowerKw} kW${c.phases ? ` · ${c.phases} ph` : ''}`), numeric: true },
    { label: 'Registration', render: (c) => `${c.registrationStatus}${c.connected ? ' · online' : ''}` },
  ],
  fields: (mode, lookups, values) => {
    if (mode === 'create')
      return [{ name: 'id', label: 'Charger ID', required: true, hint: 'The id the charger connects with (its OCPP identity).' }];
    const groups = lookups[`groups:${str(values.siteId)}`] ?? [];
    return [
      { name: 'name', label: 'Name', placeholder: 'e.g. Bay 1' },
      { name: 'siteId', label: 'Site', kind: 'select', options: [{ value: '', label: 'No site' }, ...(lookups.sites ?? [])] },
      { name: 'loadGroupId', label: 'Load group', kind: 'select', options: [{ value: '', label: 'None' }, ...groups] },
      { name: 'maxPowerKw', label: 'Max power (kW)', kind: 'number' },
      { name: 'phases', label: 'Phases', kind: 'select', options: [noneOption, { value: '3', label: '3' }, { value: '1', label: '1' }] },
    ];
  },
  blank: () => ({ id: '' }),
  toValues: (c) => ({
    name: c.name ?? '', siteId: c.siteId ?? '', loadGroupId: c.loadGroupId ?? '',
    maxPowerKw: c.maxPowerKw ?? '', phases: c.phases ? String(c.phases) : '',
  }),
  toBody: (v, mode, item) => {
    if (mode === 'create') return { id: str(v.id) };
    const siteId = textOrNull(v.siteId);
    // A group belongs to one site: moving the charger to another site must not keep the old group.
    const loadGroupId = siteId !== item?.siteId && v.loadGroupId === item?.loadGroupId ? null : textOrNull(v.loadGroupId);
    const body: Record<string, unknown> = { name: textOrNull(v.name), siteId, loadGroupId };
    const power = numberOrText(v.maxPowerKw);
    if (power !== undefined) body.maxPowerKw = power;
    const phases = numberOrText(v.phases);
    if (phases !== undefined) body.phases = phases;
    return body;
  },
};

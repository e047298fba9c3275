import { ApiError } from '../../../api/client';
import { requestVersioned, SavedThenFailed, type Versioned } from '../../../forms/http';
import { numberOrText, textOrNull, type FormValues } from '../../../forms/spec';
import { labelFor, versionedCollection, type ResourceSpec } from '../resource';
import { noneOption, sitesWithGroups, str } from './common';

export interface ChargerRecord {
  id: string; name: string | null; siteId: string | null; loadGroupId: string | null; maxPowerKw: number | null;
  phases: number | null; registrationStatus: string; connected: boolean; ocppVersion: string; version: number;
  connectors: Connector[];
}

interface Connector { evseId: number; connectorId: number; status: string; type?: string | null; maxPowerKw?: number | null }

const connectorTypes = ['Type1', 'Type2', 'CCS1', 'CCS2', 'CHAdeMO', 'GBT', 'Other'];

/** Rows whose type or power differ from what the charger has (or that it does not have yet). */
function changedConnectors(rows: FormValues[], before: Connector[]) {
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => {
      const known = before.find((c) => String(c.evseId) === String(row.evseId) && String(c.connectorId) === String(row.connectorId));
      return !known || (known.type ?? '') !== (row.type ?? '') || String(known.maxPowerKw ?? '') !== String(row.maxPowerKw ?? '');
    });
}

/**
 * Places the charger, then sets each changed connector. Connectors share the charger's version, so
 * each write carries the ETag the previous one answered; an error names the row it belongs to.
 */
async function saveCharger(item: ChargerRecord, body: unknown, etag: string | null): Promise<Versioned<ChargerRecord>> {
  const { connectors: rows = [], ...placement } = body as { connectors?: FormValues[] };
  let saved = await chargers.updateById(item.id, placement, etag, undefined);
  for (const { row, index } of changedConnectors(rows, item.connectors)) {
    const path = `/api/v1/chargers/${encodeURIComponent(item.id)}/connectors/${encodeURIComponent(String(row.evseId))}/${encodeURIComponent(String(row.connectorId))}`;
    try {
      saved = await requestVersioned<ChargerRecord>('PUT', path, {
        body: { type: textOrNull(row.type), maxPowerKw: numberOrText(row.maxPowerKw) ?? null }, ifMatch: saved.etag,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const field = error.field && ['type', 'maxPowerKw'].includes(error.field) ? error.field
        : error.code === 'invalid_parameter' ? 'connectorId' : error.field;
      const named = new ApiError(error.status, error.code, error.message, field ? `connectors/${index}/${field}` : undefined);
      throw new SavedThenFailed(error.status === 412 ? error : named, saved);
    }
  }
  return saved;
}

const chargers = versionedCollection<ChargerRecord>(() => '/api/v1/chargers');

export const chargerSpec: ResourceSpec<ChargerRecord> = {
  key: 'chargers', title: 'Chargers', singular: 'charger', writeRole: 'admin',
  description: 'Register a charger so it is accepted when it boots, then place it in a site and load group and set its power.',
  lookups: sitesWithGroups,
  list: chargers.list,
  get: chargers.get,
  create: async (body) => (await requestVersioned<ChargerRecord>('POST', '/api/v1/chargers', { body })).data,
  update: saveCharger,
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
      {
        name: 'connectors', label: 'Connectors', kind: 'rows', rowLabel: 'connector', keepSavedRows: true,
        hint: 'Plug type and power of each connector. Add one the charger has not reported yet.',
        newRow: { evseId: '1', connectorId: '1', type: '', maxPowerKw: '' },
        rowFields: [
          { name: 'evseId', label: 'EVSE', kind: 'number', step: '1' },
          { name: 'connectorId', label: 'Connector', kind: 'number', step: '1' },
          { name: 'type', label: 'Plug', kind: 'select', options: [{ value: '', label: 'Unknown' }, ...connectorTypes.map((t) => ({ value: t, label: t }))] },
          { name: 'maxPowerKw', label: 'Power (kW)', kind: 'number' },
        ],
      },
    ];
  },
  blank: () => ({ id: '' }),
  toValues: (c) => ({
    name: c.name ?? '', siteId: c.siteId ?? '', loadGroupId: c.loadGroupId ?? '',
    maxPowerKw: c.maxPowerKw ?? '', phases: c.phases ? String(c.phases) : '',
    connectors: c.connectors.map((k) => ({
      saved: true, evseId: String(k.evseId), connectorId: String(k.connectorId), type: k.type ?? '', maxPowerKw: k.maxPowerKw ?? '',
    })),
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
    body.connectors = v.connectors ?? [];
    return body;
  },
};

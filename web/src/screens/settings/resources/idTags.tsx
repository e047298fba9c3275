import { api } from '../../../api/client';
import { formatTime } from '../../../format';
import { textOrNull } from '../../../forms/spec';
import type { ResourceSpec } from '../resource';
import { requireId } from './common';

export interface IdTag {
  idTag: string; type: string; status: string; expiryDate: string | null; parentIdTag: string | null; allowConcurrentTx: boolean;
}

const one = (id: string) => `/api/v1/id-tags/${encodeURIComponent(id)}`;
const types = ['ISO14443', 'ISO15693', 'Central', 'eMAID', 'KeyCode', 'Local', 'MacAddress', 'NoAuthorization'];
const statuses = ['Accepted', 'Blocked', 'Expired', 'Invalid'];

export const idTagSpec: ResourceSpec<IdTag> = {
  key: 'id-tags', title: 'RFID tokens', singular: 'RFID token', plural: 'RFID tokens', writeRole: 'operator',
  description: 'ID tags (cards, key fobs) and what chargers are told when one is presented.',
  list: async () => (await api.get<{ items: IdTag[] }>('/api/v1/id-tags')).items,
  get: async (id) => ({ data: await api.get<IdTag>(one(id)), etag: null }),
  create: async (body, values) => api.put<IdTag>(one(requireId(values.idTag, 'idTag', 'token')), body),
  update: async (item, body) => ({ data: await api.put<IdTag>(one(item.idTag), body), etag: null }),
  remove: (item) => api.del(one(item.idTag)),
  idOf: (t) => t.idTag,
  nameOf: (t) => t.idTag,
  columns: [
    { label: 'Status', render: (t) => <span className={`fm-badge fm-badge-${t.status.toLowerCase()}`}>{t.status}</span> },
    { label: 'Type', render: (t) => t.type },
    { label: 'Expires', render: (t) => formatTime(t.expiryDate) },
    { label: 'Parent', render: (t) => t.parentIdTag ?? '—' },
  ],
  fields: (mode) => [
    ...(mode === 'create' ? [{ name: 'idTag', label: 'Token', required: true, hint: '1–36 printable characters, as the card reports it' }] : []),
    { name: 'status', label: 'Status', kind: 'select', options: statuses.map((s) => ({ value: s, label: s })) },
    { name: 'type', label: 'Type', kind: 'select', options: types.map((s) => ({ value: s, label: s })) },
    { name: 'expiryDate', label: 'Expires', kind: 'datetime', hint: "In this browser's time; empty: never" },
    { name: 'parentIdTag', label: 'Parent token', hint: 'A group tag, e.g. the fleet card' },
    { name: 'allowConcurrentTx', label: 'May charge at several connectors at once', kind: 'checkbox' },
  ],
  blank: () => ({ idTag: '', status: 'Accepted', type: 'ISO14443', expiryDate: '', parentIdTag: '', allowConcurrentTx: false }),
  toValues: (t) => ({ ...t, expiryDate: t.expiryDate ?? '', parentIdTag: t.parentIdTag ?? '' }),
  toBody: (v) => ({
    type: v.type, status: v.status, expiryDate: textOrNull(v.expiryDate), parentIdTag: textOrNull(v.parentIdTag),
    allowConcurrentTx: v.allowConcurrentTx === true,
  }),
};

import { textOrNull } from '../../../forms/spec';
import { versionedCollection, type ResourceSpec } from '../resource';
import { str } from './common';

export interface Fleet { id: string; name: string; description: string | null }

const fleets = versionedCollection<Fleet>(() => '/api/v1/fleets');

export const fleetSpec: ResourceSpec<Fleet> = {
  key: 'fleets', title: 'Fleets', singular: 'fleet', writeRole: 'operator',
  description: "Groups of vehicles: a depot's buses, an operator's vans.",
  ...fleets,
  update: (item, body, etag) => fleets.updateById(item.id, body, etag, undefined),
  remove: (item, etag) => fleets.removeById(item.id, etag, undefined),
  idOf: (f) => f.id,
  nameOf: (f) => f.name,
  columns: [{ label: 'Description', render: (f) => f.description ?? '—' }],
  fields: () => [
    { name: 'name', label: 'Name', required: true },
    { name: 'description', label: 'Description', kind: 'textarea' },
  ],
  blank: () => ({ name: '', description: '' }),
  toValues: (f) => ({ name: f.name, description: f.description ?? '' }),
  toBody: (v) => ({ name: str(v.name), description: textOrNull(v.description) }),
};

import { api } from '../../../api/client';
import { formatTime } from '../../../format';
import { versionedCollection, type ResourceSpec } from '../resource';
import { roleOptions, str } from './common';

export interface User { id: string; email: string; name: string; role: string; createdAt: string }

const users = versionedCollection<User>(() => '/api/v1/users');

export const userSpec: ResourceSpec<User> = {
  key: 'users', title: 'Users', singular: 'user', writeRole: 'admin',
  description: 'People who sign in to Manage, and what each may do.',
  ...users,
  update: (item, body, etag) => users.updateById(item.id, body, etag, undefined),
  remove: async (item) => api.del(`/api/v1/users/${encodeURIComponent(item.id)}`),
  idOf: (u) => u.id,
  nameOf: (u) => u.name || u.email,
  columns: [
    { label: 'E-mail', render: (u) => u.email },
    { label: 'Role', render: (u) => u.role },
    { label: 'Since', render: (u) => formatTime(u.createdAt) },
  ],
  fields: (mode) => [
    ...(mode === 'create' ? [{ name: 'email', label: 'E-mail', kind: 'email' as const, required: true, autoComplete: 'off' }] : []),
    { name: 'name', label: 'Name', required: true },
    { name: 'role', label: 'Role', kind: 'select', options: roleOptions },
    {
      name: 'password', label: mode === 'create' ? 'Password' : 'New password', kind: 'password', required: mode === 'create',
      autoComplete: 'new-password',
      hint: mode === 'create' ? 'At least 12 characters' : 'Leave empty to keep it; a new one signs the user out everywhere',
    },
  ],
  blank: () => ({ email: '', name: '', role: 'operator', password: '' }),
  toValues: (u) => ({ email: u.email, name: u.name, role: u.role, password: '' }),
  toBody: (v, mode) => {
    const body: Record<string, unknown> = { name: str(v.name), role: v.role };
    if (mode === 'create') body.email = str(v.email);
    if (mode === 'create' || str(v.password) !== '') body.password = String(v.password ?? '');
    return body;
  },
};

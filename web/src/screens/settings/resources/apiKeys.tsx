import { useState } from 'react';
import { api } from '../../../api/client';
import { formatTime } from '../../../format';
import type { ResourceSpec } from '../resource';
import { roleOptions, str } from './common';

export interface ApiKey { id: string; name: string; prefix: string; role: string; createdAt: string; key?: string }

async function listKeys(): Promise<ApiKey[]> {
  return (await api.get<{ items: ApiKey[] }>('/api/v1/api-keys')).items;
}

/** The new key, once: the server keeps only its digest, so this is the one chance to copy it. */
function NewKey({ created }: { created: ApiKey }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard?.writeText(created.key ?? '')
      .then(() => setCopied('yes'))
      .catch(() => setCopied('failed'));
  };
  return (
    <div className="fm-warning st-new-key" role="status">
      <p><strong>Copy the key “{created.name}” now.</strong> It is shown only this once; Manage keeps no copy of it.</p>
      <div className="st-key-row">
        <input className="st-key" readOnly value={created.key ?? ''} aria-label="New API key"
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="fm-button fm-primary" onClick={copy}>Copy key</button>
      </div>
      {copied === 'yes' && <p>Copied to the clipboard.</p>}
      {copied === 'failed' && <p>The browser refused the clipboard: select the key and copy it by hand.</p>}
    </div>
  );
}

export const apiKeySpec: ResourceSpec<ApiKey> = {
  key: 'api-keys', title: 'API keys', singular: 'API key', plural: 'API keys', writeRole: 'admin',
  description: 'Keys for integrations and scripts (Authorization: Bearer …). A key is shown once, when it is created.',
  list: listKeys,
  get: async (id) => {
    const key = (await listKeys()).find((k) => k.id === id);
    if (!key) throw new Error('This API key does not exist (any more).');
    return { data: key, etag: null };
  },
  create: (body) => api.post<ApiKey>('/api/v1/api-keys', body),
  remove: (item) => api.del(`/api/v1/api-keys/${encodeURIComponent(item.id)}`),
  idOf: (k) => k.id,
  nameOf: (k) => k.name,
  columns: [
    { label: 'Prefix', render: (k) => <code>{k.prefix}…</code> },
    { label: 'Role', render: (k) => k.role },
    { label: 'Created', render: (k) => formatTime(k.createdAt) },
  ],
  fields: () => [
    { name: 'name', label: 'Name', required: true, hint: 'What uses it, e.g. fleet planner' },
    { name: 'role', label: 'Role', kind: 'select', options: roleOptions },
  ],
  blank: () => ({ name: '', role: 'operator' }),
  toValues: (k) => ({ name: k.name, role: k.role }),
  toBody: (v) => ({ name: str(v.name), role: v.role }),
  createdNotice: (created) => <NewKey created={created} />,
};

import { useState } from 'react';
import { api } from '../../api/client';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFetch } from '../../components/useFetch';
import { formatTime } from '../../format';
import type { ConfigurationAnswer } from './types';

/** The configuration the charger last reported (GetConfiguration), searchable by key. */
export function ConfigurationPanel({ chargerId, timeZone }: { chargerId: string; timeZone?: string }) {
  const config = useFetch(
    () => api.get<ConfigurationAnswer>(`/api/v1/chargers/${encodeURIComponent(chargerId)}/configuration`), chargerId);
  const [search, setSearch] = useState('');
  const keys = (config.data?.configurationKey ?? []).filter((k) => k.key.toLowerCase().includes(search.toLowerCase()));
  return (
    <section className="panel" aria-labelledby="config-title">
      <header className="panel-head">
        <div>
          <h2 id="config-title">Configuration</h2>
          {config.data?.updatedAt && <p className="muted small">Reported {formatTime(config.data.updatedAt, timeZone)}</p>}
        </div>
        <div className="panel-tools">
          <label className="inline-label">
            <span className="sr-only">Search configuration keys</span>
            <input type="search" placeholder="Search keys" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <button type="button" className="button button-quiet" onClick={config.reload}>Refresh</button>
        </div>
      </header>
      {config.loading && !config.data && <Loading />}
      {config.error && <ErrorState error={config.error} onRetry={config.reload} />}
      {config.data && config.data.configurationKey.length === 0 && (
        <EmptyState title="No configuration reported yet">
          <p>Manage reads it when the charger boots (GetConfiguration).</p>
        </EmptyState>
      )}
      {config.data && config.data.configurationKey.length > 0 && (
        <div className="table-wrap table-scroll">
          <table className="table table-compact">
            <caption className="sr-only">Configuration keys</caption>
            <thead>
              <tr><th scope="col">Key</th><th scope="col">Value</th><th scope="col">Access</th></tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.key}>
                  <th scope="row" className="mono">{k.key}</th>
                  <td className="mono break">{k.value ?? <span className="muted">(not readable)</span>}</td>
                  <td className="muted small">{k.readonly ? 'read-only' : 'writable'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {keys.length === 0 && <p className="muted small">No key matches “{search}”.</p>}
        </div>
      )}
      {config.data && config.data.unknownKey.length > 0 && (
        <p className="muted small">Unknown to the charger: {config.data.unknownKey.join(', ')}</p>
      )}
    </section>
  );
}

import { useState } from 'react';
import { api } from '../../api/client';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFetch } from '../../components/useFetch';
import { formatTime } from '../../format';
import type { OcppVersion } from './commands';
import { keyRows, variableRows, type ConfigRow, type DeviceVariable } from './configurationRows';
import type { ConfigurationAnswer } from './types';

interface Loaded { rows: ConfigRow[]; unknownKeys: string[]; updatedAt: string | null }

// 1.6 chargers answer GetConfiguration; 2.0.1 stations report a device model instead.
async function loadConfiguration(chargerId: string, version: OcppVersion): Promise<Loaded> {
  const base = `/api/v1/chargers/${encodeURIComponent(chargerId)}`;
  if (version === '2.0.1') {
    const answer = await api.get<{ variables: DeviceVariable[] }>(`${base}/variables`);
    return { rows: variableRows(answer.variables), unknownKeys: [], updatedAt: null };
  }
  const answer = await api.get<ConfigurationAnswer>(`${base}/configuration`);
  return { rows: keyRows(answer), unknownKeys: answer.unknownKey, updatedAt: answer.updatedAt };
}

/** The configuration the charger last reported, searchable by key. */
export function ConfigurationPanel({ chargerId, version, timeZone }: { chargerId: string; version: OcppVersion; timeZone?: string }) {
  const config = useFetch(() => loadConfiguration(chargerId, version), `${chargerId} ${version}`);
  const [search, setSearch] = useState('');
  const keys = (config.data?.rows ?? []).filter((k) => k.key.toLowerCase().includes(search.toLowerCase()));
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
      {config.data && config.data.rows.length === 0 && (
        <EmptyState title="No configuration reported yet">
          <p>
            {version === '2.0.1'
              ? 'Manage asks for the device model (GetBaseReport) when the station boots; its report fills this table.'
              : 'Manage reads it when the charger boots (GetConfiguration).'}
          </p>
        </EmptyState>
      )}
      {config.data && config.data.rows.length > 0 && (
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
                  <td className="muted small">{k.access}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {keys.length === 0 && <p className="muted small">No key matches “{search}”.</p>}
        </div>
      )}
      {config.data && config.data.unknownKeys.length > 0 && (
        <p className="muted small">Unknown to the charger: {config.data.unknownKeys.join(', ')}</p>
      )}
    </section>
  );
}

import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { formatKw } from '../../format';
import type { ChargerView } from '../chargers/chargerStatus';
import { StatusCounts } from './StatusCounts';

/** Chargers in no site: they count towards no grid limit, so they are listed for someone to place. */
export function UnplacedPanel({ chargers }: { chargers: ChargerView[] }) {
  return (
    <section className="panel unplaced" aria-labelledby="unplaced-title">
      <header className="panel-head">
        <div>
          <h2 id="unplaced-title">Unplaced chargers</h2>
          <p className="muted small">In no site, so no grid limit applies to them.</p>
        </div>
      </header>
      <StatusCounts chargers={chargers} siteId="none" label="Unplaced chargers by status" />
      <ul className="mini-list">
        {chargers.slice(0, 12).map((c) => (
          <li key={c.id}>
            <Link to={`/chargers/${encodeURIComponent(c.id)}`}>{c.name ? `${c.name} (${c.id})` : c.id}</Link>
            <span className="mini-list-end">
              {c.powerW > 0 && <span className="muted small">{formatKw(c.powerW / 1000)}</span>}
              <StatusBadge status={c.state} />
            </span>
          </li>
        ))}
      </ul>
      {chargers.length > 12 && <Link className="small" to="/chargers?site=none">All {chargers.length} →</Link>}
    </section>
  );
}

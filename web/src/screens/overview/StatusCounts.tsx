import { Link } from 'react-router-dom';
import { statusTone } from '../../components/statusTone';
import { chargerStates, countByState, type ChargerView } from '../chargers/chargerStatus';

/** Chargers per state as tiles linking to the filtered list; states with none are dimmed, not hidden, so the layout stays put. */
export function StatusCounts({ chargers, siteId, label }: { chargers: ChargerView[]; siteId: string; label: string }) {
  const counts = countByState(chargers);
  const shown = chargerStates.filter((s) => s !== 'Unknown' || counts.Unknown > 0);
  return (
    <ul className="counts" aria-label={label}>
      {shown.map((state) => (
        <li key={state} className={counts[state] ? `count tone-border-${statusTone(state)}` : 'count count-zero'}>
          <Link to={`/chargers?site=${encodeURIComponent(siteId)}&status=${state}`} aria-label={`${counts[state]} ${state}`}>
            <span className="count-n">{counts[state]}</span>
            <span className="count-label">{state}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

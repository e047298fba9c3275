import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { ResourcePage } from './ResourcePage';
import { apiKeySpec } from './resources/apiKeys';
import { chargerSpec } from './resources/chargers';
import { departureSpec } from './resources/departures';
import { fleetSpec } from './resources/fleets';
import { idTagSpec } from './resources/idTags';
import { loadGroupSpec } from './resources/loadGroups';
import { siteSpec } from './resources/sites';
import { tariffSpec } from './resources/tariffs';
import { userSpec } from './resources/users';
import { vehicleSpec } from './resources/vehicles';
import './settings.css';

const sections = [
  { to: 'sites', label: 'Sites' },
  { to: 'load-groups', label: 'Load groups' },
  { to: 'chargers', label: 'Chargers' },
  { to: 'fleets', label: 'Fleets' },
  { to: 'vehicles', label: 'Vehicles' },
  { to: 'departures', label: 'Departure schedules' },
  { to: 'tariffs', label: 'Tariffs' },
  { to: 'id-tags', label: 'RFID tokens' },
  { to: 'users', label: 'Users' },
  { to: 'api-keys', label: 'API keys' },
];

/** Settings: one page per kind of record, chosen in the sub-navigation. */
export default function Settings() {
  return (
    <main className="st-settings">
      <h1 className="fm-visually-hidden">Settings</h1>
      <nav className="st-subnav" aria-label="Settings">
        <ul>
          {sections.map((s) => (
            <li key={s.to}>
              <NavLink to={`/settings/${s.to}`} className={({ isActive }) => (isActive ? 'st-active' : undefined)}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="st-content">
        <Routes>
          <Route index element={<Navigate to="sites" replace />} />
          <Route path="sites/*" element={<ResourcePage spec={siteSpec} />} />
          <Route path="load-groups/*" element={<ResourcePage spec={loadGroupSpec} />} />
          <Route path="chargers/*" element={<ResourcePage spec={chargerSpec} />} />
          <Route path="fleets/*" element={<ResourcePage spec={fleetSpec} />} />
          <Route path="vehicles/*" element={<ResourcePage spec={vehicleSpec} />} />
          <Route path="departures/*" element={<ResourcePage spec={departureSpec} />} />
          <Route path="tariffs/*" element={<ResourcePage spec={tariffSpec} />} />
          <Route path="id-tags/*" element={<ResourcePage spec={idTagSpec} />} />
          <Route path="users/*" element={<ResourcePage spec={userSpec} />} />
          <Route path="api-keys/*" element={<ResourcePage spec={apiKeySpec} />} />
          <Route path="*" element={<p className="fm-empty">No such settings page.</p>} />
        </Routes>
      </div>
    </main>
  );
}

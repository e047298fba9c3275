import { Route, Routes } from 'react-router-dom';
import Layout from './layout/Layout';
import SignIn from './screens/SignIn';
import Overview from './screens/Overview';
import ChargerList from './screens/chargers/ChargerList';
import ChargerPage from './screens/chargers/ChargerPage';
import VehicleList from './screens/vehicles/VehicleList';
import SessionList from './screens/sessions/SessionList';
import SessionPage from './screens/sessions/SessionPage';
import Settings from './screens/settings/Settings';

// Every screen's route. Layout signs the user in (or shows SignIn) and draws the header and the
// navigation around the screen in its <Outlet/>.
export default function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route element={<Layout />}>
        <Route index element={<Overview />} />
        <Route path="chargers" element={<ChargerList />} />
        <Route path="chargers/:chargerId" element={<ChargerPage />} />
        <Route path="vehicles" element={<VehicleList />} />
        <Route path="sessions" element={<SessionList />} />
        <Route path="sessions/:transactionId" element={<SessionPage />} />
        <Route path="settings/*" element={<Settings />} />
      </Route>
    </Routes>
  );
}

import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, setCsrfToken } from '../api/client';
import { AuthContext, type AuthSession } from '../auth/AuthContext';
import { ErrorState, Loading } from '../components/States';
import { LiveProvider } from '../live/LiveProvider';
import { LiveIndicator } from './LiveIndicator';

const sections = [
  { to: '/', label: 'Overview', end: true },
  { to: '/chargers', label: 'Chargers', end: false },
  { to: '/vehicles', label: 'Vehicles', end: false },
  { to: '/sessions', label: 'Sessions', end: false },
  { to: '/settings', label: 'Settings', end: false },
];

/** Signs the page in (or sends the user to sign in), then draws the header around every screen. */
export default function Layout() {
  const navigate = useNavigate();
  const location = useLocation();
  const [session, setSession] = useState<AuthSession>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    api.get<AuthSession>('/api/v1/auth/session').then(
      (answer) => {
        if (!current) return;
        setCsrfToken(answer.csrfToken);
        setSession(answer);
      },
      (cause: ApiError) => {
        if (!current) return;
        if (cause.status === 401) navigate('/sign-in', { replace: true, state: { from: pathOf(location) } });
        else setError(cause);
      },
    );
    return () => {
      current = false;
    };
    // The session is read once per page load (and on retry), not on every navigation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  if (error)
    return (
      <main className="page page-center">
        <ErrorState title="Cannot reach Manage" error={error} onRetry={() => { setError(undefined); setAttempt((a) => a + 1); }} />
      </main>
    );
  if (!session)
    return (
      <main className="page page-center">
        <Loading label="Signing in…" />
      </main>
    );

  const signOut = async () => {
    try {
      await api.post('/api/v1/auth/sign-out');
    } finally {
      setCsrfToken(undefined);
      navigate('/sign-in', { replace: true });
    }
  };

  return (
    <AuthContext.Provider value={session}>
      <LiveProvider>
        <div className="shell">
          <a className="skip-link" href="#content">Skip to content</a>
          <header className="topbar">
            <div className="brand">
              <span className="brand-mark" aria-hidden="true">⚡</span>
              <span className="brand-name">Manage</span>
              <span className="brand-org" title="Organisation">{session.organisation.name}</span>
            </div>
            <nav className="nav" aria-label="Main">
              {sections.map((s) => (
                <NavLink key={s.to} to={s.to} end={s.end} className="nav-link">
                  {s.label}
                </NavLink>
              ))}
            </nav>
            <div className="topbar-end">
              <LiveIndicator />
              <span className="who">
                <span className="who-name">{session.actor.name}</span>
                <span className="who-role">{session.role}</span>
              </span>
              <button type="button" className="button button-quiet" onClick={signOut}>
                Sign out
              </button>
            </div>
          </header>
          <div className="content" id="content" tabIndex={-1}>
            <Outlet />
          </div>
        </div>
      </LiveProvider>
    </AuthContext.Provider>
  );
}

function pathOf(location: { pathname: string; search: string; hash: string }): string {
  return location.pathname + location.search + location.hash;
}

import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import Layout from './Layout';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

beforeAll(() => {
  // jsdom has no EventSource; the live stream is not under test here.
  class FakeEventSource {
    onopen: (() => void) | null = null;
    onerror: (() => void) | null = null;
    addEventListener() {}
    close() {}
  }
  vi.stubGlobal('EventSource', FakeEventSource);
});

function Remembered() {
  const location = useLocation();
  return <p>Sign-in page, from {(location.state as { from: string }).from}</p>;
}

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/sign-in" element={<Remembered />} />
        <Route element={<Layout />}>
          <Route path="chargers" element={<p>Chargers screen</p>} />
        </Route>
      </Routes>
    </MemoryRouter>,
  );
}

test('signed out: goes to sign-in, remembering the page', async () => {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(
    JSON.stringify({ error: { code: 'unauthenticated', message: 'sign in' } }), { status: 401 }));
  renderAt('/chargers?site=s1');
  expect(await screen.findByText('Sign-in page, from /chargers?site=s1')).toBeTruthy();
});

test('signed in: the header shows organisation, user and role around the screen', async () => {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({
    organisation: { id: 'o', name: 'Depot Org' }, actor: { id: 'u', name: 'Ops Anna', kind: 'user' },
    role: 'operator', csrfToken: 'x',
  }), { status: 200 }));
  renderAt('/chargers');
  expect(await screen.findByText('Chargers screen')).toBeTruthy();
  expect(screen.getByText('Depot Org')).toBeTruthy();
  expect(screen.getByText('Ops Anna')).toBeTruthy();
  expect(screen.getByText('operator')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Chargers' }).getAttribute('aria-current')).toBe('page');
});

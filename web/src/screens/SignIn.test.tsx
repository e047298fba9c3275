import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, expect, test, vi } from 'vitest';
import SignIn from './SignIn';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderAt(from: string) {
  render(
    <MemoryRouter initialEntries={[{ pathname: '/sign-in', state: { from } }]}>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route path="/chargers/:id" element={<p>Charger page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

function submit() {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'ops@depot.example' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

test('a wrong password is said, and the form stays', async () => {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(
    JSON.stringify({ error: { code: 'invalid_credentials', message: 'invalid e-mail or password' } }), { status: 401 }));
  renderAt('/');
  submit();
  expect((await screen.findByRole('alert')).textContent).toBe('The e-mail or password is not right.');
});

test('too many attempts says when to try again, from Retry-After', async () => {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(
    JSON.stringify({ error: { code: 'too_many_attempts', message: 'slow down' } }), { status: 429, headers: { 'Retry-After': '600' } }));
  renderAt('/');
  submit();
  expect((await screen.findByRole('alert')).textContent).toContain('Try again in 10 minutes');
});

test('success goes to the page the user was going to', async () => {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ csrfToken: 'c' }), { status: 200 }));
  renderAt('/chargers/CP-1');
  submit();
  expect(await screen.findByText('Charger page')).toBeTruthy();
});

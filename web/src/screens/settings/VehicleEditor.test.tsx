import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { setCsrfToken } from '../../api/client';
import { ResourcePage } from './ResourcePage';
import { vehicleSpec } from './resources/vehicles';

const vehicle = {
  id: 'v1', fleetId: 'f1', name: 'Bus 12', registration: null, vin: null, batteryKwh: 300, maxAcKw: 0, maxDcKw: 150,
  targetSoc: 90, timezone: 'Europe/Amsterdam', rfidTokens: ['TAG-12'], createdAt: '', updatedAt: '',
};

interface Call { method: string; url: string; body?: unknown; headers: Record<string, string> }
type Reply = { status: number; body?: unknown; etag?: string };

/** A fake server: answers by method and path, and records what the page sent. */
function fakeServer(routes: Record<string, Reply | Reply[]>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: (init?.headers ?? {}) as Record<string, string> });
    const key = `${method} ${url.split('?')[0]}`;
    const route = routes[key];
    const reply = Array.isArray(route) ? route.shift() : route;
    if (!reply) return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${key}` } }), { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (reply.etag) headers.ETag = reply.etag;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function renderEditor() {
  return render(
    <MemoryRouter initialEntries={['/settings/vehicles/v1']}>
      <Routes><Route path="/settings/vehicles/*" element={<ResourcePage spec={vehicleSpec} />} /></Routes>
    </MemoryRouter>,
  );
}

const common = {
  'GET /api/v1/fleets': { status: 200, body: { items: [{ id: 'f1', name: 'City buses' }] } },
  'GET /api/v1/vehicles': { status: 200, body: { items: [vehicle] } },
};

beforeEach(() => setCsrfToken('csrf-1'));

afterEach(() => {
  setCsrfToken(undefined);
  cleanup();
  vi.unstubAllGlobals();
});

describe('the vehicle form', () => {
  it("shows the API's error next to the field it names, then saves the fixed value with the record's version", async () => {
    const calls = fakeServer({
      ...common,
      'GET /api/v1/vehicles/v1': { status: 200, body: vehicle, etag: '"3"' },
      'PATCH /api/v1/vehicles/v1': [
        { status: 422, body: { error: { code: 'invalid_battery', field: 'batteryKwh', message: "'batteryKwh' is more than 0 and at most 2000" } } },
        { status: 200, body: { ...vehicle, batteryKwh: 320 }, etag: '"4"' },
      ],
    });
    renderEditor();
    const battery = await screen.findByLabelText('Battery (kWh)');
    expect(battery).toHaveProperty('value', '300');

    fireEvent.change(battery, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('more than 0 and at most 2000');
    expect(battery.getAttribute('aria-invalid')).toBe('true');
    expect(battery.getAttribute('aria-describedby')).toContain(alert.id);
    await waitFor(() => expect(document.activeElement).toBe(battery));
    // The other inputs are not blamed.
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();

    fireEvent.change(battery, { target: { value: '320' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(screen.queryByRole('alert')).toBeNull();

    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[0].body).toMatchObject({ batteryKwh: 0, name: 'Bus 12', rfidTokens: ['TAG-12'] });
    expect(patches[1].body).toMatchObject({ batteryKwh: 320 });
    expect(patches[0].headers['If-Match']).toBe('"3"');
    expect(patches[0].headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('gives an error that names no input to the banner', async () => {
    fakeServer({
      ...common,
      'GET /api/v1/vehicles/v1': { status: 200, body: vehicle, etag: '"3"' },
      'PATCH /api/v1/vehicles/v1': { status: 403, body: { error: { code: 'forbidden', message: 'this needs the operator role' } } },
    });
    renderEditor();
    await screen.findByLabelText('Battery (kWh)');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.className).toContain('fm-banner');
    expect(alert.textContent).toContain('You may not do this: this needs the operator role');
  });

  it('reloads the record and says so when someone else changed it (412)', async () => {
    fakeServer({
      ...common,
      'GET /api/v1/vehicles/v1': [
        { status: 200, body: vehicle, etag: '"3"' },
        { status: 200, body: { ...vehicle, name: 'Bus 12 (renamed)' }, etag: '"4"' },
      ],
      'PATCH /api/v1/vehicles/v1': { status: 412, body: { error: { code: 'precondition_failed', message: 'changed' } } },
    });
    renderEditor();
    await screen.findByLabelText('Battery (kWh)');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else changed this vehicle');
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveProperty('value', 'Bus 12 (renamed)'));
  });

  it('asks before deleting, and Escape cancels', async () => {
    const calls = fakeServer({ ...common, 'GET /api/v1/vehicles/v1': { status: 200, body: vehicle, etag: '"3"' } });
    renderEditor();
    await screen.findByLabelText('Battery (kWh)');
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete vehicle?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
  });
});

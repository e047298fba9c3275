import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, expect, test, vi } from 'vitest';
import Overview from './Overview';

// uPlot needs a canvas, which jsdom lacks; the chart is checked in the browser instead.
vi.mock('./overview/PowerChart', () => ({ PowerChart: () => null }));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function serve(routes: Record<string, unknown>) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const path = String(input).split('?')[0];
    const body = routes[path];
    return body === undefined
      ? new Response(JSON.stringify({ error: { code: 'not_found', message: 'no' } }), { status: 404 })
      : new Response(JSON.stringify(body), { status: 200 });
  });
}

const unplaced = {
  id: 'CP-9', registrationStatus: 'Accepted', vendor: '', model: '', firmwareVersion: '', ocppVersion: '1.6',
  connected: true, lastSeen: null, lastBootAt: null, status: 'Available', connectors: [],
  name: null, siteId: null, loadGroupId: null, maxPowerKw: null, phases: null,
};

test('without sites: says so, points to Settings, and still lists chargers placed nowhere', async () => {
  serve({
    '/api/v1/sites': { items: [] },
    '/api/v1/chargers': { items: [unplaced] },
    '/api/v1/vehicles': { items: [] },
    '/api/v1/sessions': { items: [], nextCursor: null },
  });
  render(<MemoryRouter><Overview /></MemoryRouter>);
  expect(await screen.findByText('No sites yet')).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/settings');
  expect(screen.getByRole('heading', { name: 'Unplaced chargers' })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'CP-9' })).toBeTruthy();
});

test('a site shows its power against the grid limit, from the site record until live values come', async () => {
  serve({
    '/api/v1/sites': { items: [{ id: 's1', name: 'Depot North', timezone: 'Europe/Amsterdam', gridLimitKw: 400 }] },
    '/api/v1/chargers': { items: [] },
    '/api/v1/sites/s1/tree': { id: 's1', kind: 'site', name: 'Depot North', limitKwNow: 400, chargers: [], children: [] },
    '/api/v1/vehicles': { items: [] },
    '/api/v1/sessions': { items: [], nextCursor: null },
  });
  render(<MemoryRouter><Overview /></MemoryRouter>);
  const meter = await screen.findByRole('meter', { name: 'Depot North power now' });
  expect(meter.getAttribute('aria-valuetext')).toBe('0.0 kW of 400 kW');
  expect(await screen.findByText('No load groups in this site.')).toBeTruthy();
  expect(screen.queryByRole('heading', { name: 'Unplaced chargers' })).toBeNull();
});

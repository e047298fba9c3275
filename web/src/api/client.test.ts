import { afterEach, expect, test, vi } from 'vitest';
import { api, ApiError, setCsrfToken } from './client';

afterEach(() => vi.restoreAllMocks());

test('an API error carries the code, message and field of the error body', async () => {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(
    new Response(JSON.stringify({ error: { code: 'invalid_field', message: 'must be positive', field: '/batteryKwh' } }),
      { status: 422, headers: { 'Content-Type': 'application/json' } }));
  const error = await api.patch('/api/v1/vehicles/v1', { batteryKwh: -1 }).catch((e) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 422, code: 'invalid_field', field: '/batteryKwh', message: 'must be positive' });
});

test('query parameters without a value are left out', async () => {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('[]', { status: 200 }));
  await api.get('/api/v1/sessions', { chargerId: 'CP 1', from: undefined, limit: 50 });
  expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/sessions?chargerId=CP+1&limit=50');
});

test('writes carry the CSRF token of the web session, reads do not', async () => {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('{}', { status: 200 }));
  setCsrfToken('abc');
  await api.get('/api/v1/chargers');
  await api.post('/api/v1/chargers/CP-1/commands/Reset', { type: 'Soft' });
  setCsrfToken(undefined);
  const headers = fetchMock.mock.calls.map((call) => (call[1]?.headers ?? {}) as Record<string, string>);
  expect(headers[0]['X-CSRF-Token']).toBeUndefined();
  expect(headers[1]['X-CSRF-Token']).toBe('abc');
});

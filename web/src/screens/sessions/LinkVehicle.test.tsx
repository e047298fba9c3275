import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { LinkVehicle } from './LinkVehicle';
import type { Session } from './types';

const session: Session = {
  transactionId: 17, stationTransactionId: null, chargerId: 'CP-1', evseId: 1, connectorId: 1, idTag: 'A', authorization: 'Accepted',
  status: 'stopped', meterStartWh: 0, meterStopWh: 1000, energyWh: 1000, startedAt: '2026-11-27T18:00:00.000Z',
  stoppedAt: '2026-11-27T19:00:00.000Z', stopIdTag: null, stopReason: 'Local', chargingState: null, durationS: 3600, cost: null,
  vehicleId: null, vehicleLink: null,
};
const vehicles = [{ id: 'v1', name: 'Bus 12', timezone: 'UTC' }, { id: 'v2', name: 'Bus 14', timezone: 'UTC' }];

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('linking a session to a vehicle', () => {
  it('puts the vehicle and shows the error the API gives for it next to the select', async () => {
    const fetchMock = answer(422, { error: { code: 'vehicle_not_found', field: 'vehicleId', message: "no vehicle 'v2'" } });
    vi.stubGlobal('fetch', fetchMock);
    render(<LinkVehicle session={session} vehicles={vehicles} onLinked={() => {}} />);
    const select = screen.getByLabelText('Charged vehicle');
    fireEvent.change(select, { target: { value: 'v2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link vehicle' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe("no vehicle 'v2'");
    expect(select.getAttribute('aria-describedby')).toContain(alert.id);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/sessions/17/vehicle');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({ vehicleId: 'v2' });
  });

  it('unlinks with null and reports the session the API answers', async () => {
    vi.stubGlobal('fetch', answer(200, { ...session, vehicleId: null }));
    const onLinked = vi.fn();
    render(<LinkVehicle session={{ ...session, vehicleId: 'v1', vehicleLink: 'manual' }} vehicles={vehicles} onLinked={onLinked} />);
    const button = screen.getByRole('button', { name: 'Link vehicle' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Charged vehicle'), { target: { value: '' } });
    fireEvent.click(button);
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(onLinked).toHaveBeenCalledWith(expect.objectContaining({ vehicleId: null }));
  });
});

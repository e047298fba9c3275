import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { CommandDialog } from './CommandDialog';
import { commandSpec, type CommandContext } from './commands';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const context: CommandContext = { connectors: [{ evseId: 1, connectorId: 1 }, { evseId: 2, connectorId: 2 }], activeSessions: [] };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function open(onSent = vi.fn(), onClose = vi.fn()) {
  render(<CommandDialog chargerId="CP-1" spec={commandSpec('remoteStart')} version="1.6" context={context}
    onClose={onClose} onSent={onSent} />);
  return { onSent, onClose };
}

test('remote start sends the chosen connector and tag, then shows the charger\'s answer', async () => {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(json(200, { status: 'Accepted' }));
  const { onSent } = open();
  expect(screen.getByRole('dialog', { name: 'Confirm remote start' })).toBeTruthy();
  fireEvent.change(screen.getByLabelText('Connector'), { target: { value: '2' } });
  fireEvent.change(screen.getByLabelText('ID tag'), { target: { value: 'TAG-7' } });
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  const answer = await screen.findByRole('status', { name: "Charger's answer" });
  expect(answer.textContent).toContain('Accepted');
  const [url, init] = fetchMock.mock.calls[0];
  expect(url).toBe('/api/v1/chargers/CP-1/commands/RemoteStartTransaction');
  expect(JSON.parse(String(init?.body))).toEqual({ connectorId: 2, idTag: 'TAG-7' });
  expect(onSent).toHaveBeenCalled();
});

test('a missing tag is caught before sending', () => {
  const fetchMock = vi.spyOn(globalThis, 'fetch');
  open();
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  expect(screen.getByLabelText('ID tag').getAttribute('aria-invalid')).toBe('true');
  expect(fetchMock).not.toHaveBeenCalled();
});

test('an offline charger (409) is said plainly, and a 422 marks its field', async () => {
  vi.spyOn(globalThis, 'fetch')
    .mockResolvedValueOnce(json(409, { error: { code: 'not_connected', message: 'charger CP-1 is not connected' } }))
    .mockResolvedValueOnce(json(422, { error: { code: 'invalid_payload', message: 'too long', field: '/idTag' } }));
  open();
  fireEvent.change(screen.getByLabelText('ID tag'), { target: { value: 'TAG' } });
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  expect((await screen.findByRole('alert')).textContent).toContain('The charger is offline');
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  await waitFor(() => expect(screen.getByLabelText('ID tag').getAttribute('aria-invalid')).toBe('true'));
  expect(screen.getByRole('alert').textContent).toContain('not valid');
});

test('Escape closes the dialog', () => {
  const { onClose } = open();
  fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
  expect(onClose).toHaveBeenCalled();
});

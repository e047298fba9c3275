import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { Dialog } from './Dialog';

afterEach(cleanup);

test('focus starts inside and Tab wraps around within the dialog', () => {
  render(
    <Dialog title="Confirm reset" onClose={() => {}}>
      <button type="button">First</button>
      <button type="button">Last</button>
    </Dialog>,
  );
  const first = screen.getByRole('button', { name: 'First' });
  const last = screen.getByRole('button', { name: 'Last' });
  expect(document.activeElement).toBe(first);
  last.focus();
  fireEvent.keyDown(last, { key: 'Tab' });
  expect(document.activeElement).toBe(first);
  fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
  expect(document.activeElement).toBe(last);
});

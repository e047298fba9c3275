import { expect, test } from 'vitest';
import { keyRows, variableRows } from './configurationRows';

test('1.6 keys keep their value and read-only flag', () => {
  expect(keyRows({ configurationKey: [{ key: 'HeartbeatInterval', value: '300', readonly: true }], unknownKey: [], updatedAt: null }))
    .toEqual([{ key: 'HeartbeatInterval', value: '300', access: 'read-only' }]);
});

test('2.0.1 variables name component, EVSE and variable, and show the Actual value', () => {
  expect(variableRows([
    {
      component: { name: 'EVSE', instance: null, evse: { id: 1, connectorId: null } },
      variable: { name: 'Power', instance: null },
      attributes: [
        { type: 'MaxSet', value: '22000', mutability: 'ReadWrite' },
        { type: 'Actual', value: '7400', mutability: 'ReadOnly' },
      ],
    },
    {
      component: { name: 'OCPPCommCtrlr', instance: null, evse: null },
      variable: { name: 'MessageTimeout', instance: 'Default' },
      attributes: [{ type: 'Actual', value: null, mutability: null }],
    },
  ])).toEqual([
    { key: 'EVSE EVSE 1 · Power', value: '7400', access: 'read-only' },
    { key: 'OCPPCommCtrlr · MessageTimeout[Default]', value: null, access: '—' },
  ]);
});

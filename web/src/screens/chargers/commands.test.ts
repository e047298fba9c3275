import { describe, expect, test } from 'vitest';
import { buildCommandBody, commandSpec, effectiveValues, formFieldOf, ocppVersion, parseConnector } from './commands';

describe('OCPP 1.6 bodies', () => {
  test('remote start with and without a connector', () => {
    expect(buildCommandBody('remoteStart', '1.6', { connector: '2', idTag: ' TAG1 ' })).toEqual({ ok: true, body: { connectorId: 2, idTag: 'TAG1' } });
    expect(buildCommandBody('remoteStart', '1.6', { connector: '', idTag: 'TAG1' })).toEqual({ ok: true, body: { idTag: 'TAG1' } });
  });
  test('remote start needs an ID tag of at most 20 characters', () => {
    expect(buildCommandBody('remoteStart', '1.6', { connector: '1', idTag: '' })).toMatchObject({ ok: false, field: 'idTag' });
    expect(buildCommandBody('remoteStart', '1.6', { idTag: 'X'.repeat(21) })).toMatchObject({ ok: false, field: 'idTag' });
  });
  test('remote stop sends the transaction id as a number', () => {
    expect(buildCommandBody('remoteStop', '1.6', { transactionId: '17' })).toEqual({ ok: true, body: { transactionId: 17 } });
    expect(buildCommandBody('remoteStop', '1.6', { transactionId: 'abc' })).toMatchObject({ ok: false, field: 'transactionId' });
  });
  test('reset, unlock, availability (0 = the whole charger) and trigger', () => {
    expect(buildCommandBody('reset', '1.6', { type: 'Hard' })).toEqual({ ok: true, body: { type: 'Hard' } });
    expect(buildCommandBody('unlock', '1.6', { connector: '1' })).toEqual({ ok: true, body: { connectorId: 1 } });
    expect(buildCommandBody('unlock', '1.6', { connector: '' })).toMatchObject({ ok: false, field: 'connector' });
    expect(buildCommandBody('availability', '1.6', { connector: '', availability: 'Inoperative' }))
      .toEqual({ ok: true, body: { connectorId: 0, type: 'Inoperative' } });
    expect(buildCommandBody('trigger', '1.6', { requestedMessage: 'StatusNotification', connector: '2' }))
      .toEqual({ ok: true, body: { requestedMessage: 'StatusNotification', connectorId: 2 } });
  });
});

describe('OCPP 2.0.1 bodies', () => {
  test('request start carries an idToken, the EVSE and a remoteStartId', () => {
    expect(buildCommandBody('remoteStart', '2.0.1', { connector: '1/1', idTag: 'TAG1' }, 42)).toEqual({
      ok: true, body: { idToken: { idToken: 'TAG1', type: 'Central' }, remoteStartId: 42, evseId: 1 },
    });
  });
  test('request stop takes the station transaction id as a string', () => {
    expect(buildCommandBody('remoteStop', '2.0.1', { transactionId: 'tx-9f' })).toEqual({ ok: true, body: { transactionId: 'tx-9f' } });
  });
  test('unlock names EVSE and connector; availability and trigger use an evse object', () => {
    expect(buildCommandBody('unlock', '2.0.1', { connector: '2/1' })).toEqual({ ok: true, body: { evseId: 2, connectorId: 1 } });
    expect(buildCommandBody('availability', '2.0.1', { connector: '', availability: 'Operative' }))
      .toEqual({ ok: true, body: { operationalStatus: 'Operative' } });
    expect(buildCommandBody('availability', '2.0.1', { connector: '1', availability: 'Inoperative' }))
      .toEqual({ ok: true, body: { operationalStatus: 'Inoperative', evse: { id: 1 } } });
    expect(buildCommandBody('trigger', '2.0.1', { requestedMessage: 'Heartbeat', connector: '1/2' }))
      .toEqual({ ok: true, body: { requestedMessage: 'Heartbeat', evse: { id: 1, connectorId: 2 } } });
  });
  test('names the actions by version', () => {
    expect(commandSpec('remoteStart').action('2.0.1')).toBe('RequestStartTransaction');
    expect(commandSpec('remoteStop').action('1.6')).toBe('RemoteStopTransaction');
    expect(commandSpec('reset').defaults('2.0.1', { connectors: [], activeSessions: [] })).toEqual({ type: 'OnIdle' });
  });
});

test('the active session is offered for a remote stop', () => {
  const ctx = { connectors: [], activeSessions: [{ transactionId: 17, stationTransactionId: 'abc', evseId: 1, connectorId: 1, idTag: 'T' }] };
  expect(commandSpec('remoteStop').defaults('1.6', ctx)).toEqual({ transactionId: '17' });
  expect(commandSpec('remoteStop').defaults('2.0.1', ctx)).toEqual({ transactionId: 'abc' });
  expect(commandSpec('remoteStop').fields('1.6', ctx)[0].kind).toBe('select');
});

test('connector text is a number or EVSE/connector', () => {
  expect(parseConnector('3')).toEqual({ ok: true, evseId: 3, connectorId: undefined });
  expect(parseConnector(' 1 / 2 ')).toEqual({ ok: true, evseId: 1, connectorId: 2 });
  expect(parseConnector('one').ok).toBe(false);
  expect(buildCommandBody('unlock', '1.6', { connector: 'x' })).toMatchObject({ ok: false, field: 'connector' });
});

test('an API error pointer maps to the form field it is about', () => {
  expect(formFieldOf('remoteStart', '/idToken/idToken')).toBe('idTag');
  expect(formFieldOf('remoteStart', '/connectorId')).toBe('connector');
  expect(formFieldOf('availability', '/type')).toBe('availability');
  expect(formFieldOf('reset', '/type')).toBe('type');
  expect(formFieldOf('reset', undefined)).toBeUndefined();
  expect(ocppVersion('2.0.1')).toBe('2.0.1');
  expect(ocppVersion('')).toBe('1.6');
});

test('a select shows and sends its first option when its value is not one of them', () => {
  const ctx = { connectors: [], activeSessions: [{ transactionId: 5, stationTransactionId: null, evseId: 1, connectorId: 1, idTag: null }] };
  const fields = commandSpec('remoteStop').fields('1.6', ctx);
  expect(effectiveValues(fields, { transactionId: '' })).toEqual({ transactionId: '5' });
  expect(effectiveValues(fields, { transactionId: '5' })).toEqual({ transactionId: '5' });
});

import { getAt, matchField, normalizePointer, setAt } from './fieldError';

describe('normalizePointer', () => {
  it('reads JSON pointers, plain paths, dots and brackets alike', () => {
    expect(normalizePointer('/departures/0/time')).toBe('departures/0/time');
    expect(normalizePointer('batteryKwh')).toBe('batteryKwh');
    expect(normalizePointer('limit.schedule[1].value')).toBe('limit/schedule/1/value');
    expect(normalizePointer('/a~1b/c~0d')).toBe('a/b/c~d');
  });
});

describe('matchField', () => {
  const names = ['name', 'batteryKwh', 'address/country', 'rfidTokens', 'periods/0/start', 'periods'];

  it('maps a JSON pointer and a plain name to the same input', () => {
    expect(matchField('/batteryKwh', names)).toBe('batteryKwh');
    expect(matchField('batteryKwh', names)).toBe('batteryKwh');
    expect(matchField('address/country', names)).toBe('address/country');
  });

  it('gives an error inside a list to the input holding the list', () => {
    expect(matchField('rfidTokens/1', names)).toBe('rfidTokens');
  });

  it('prefers the deepest input that holds the member', () => {
    expect(matchField('/periods/0/start', names)).toBe('periods/0/start');
    expect(matchField('periods/1/end', names)).toBe('periods');
  });

  it('leaves fields no input holds, prefixes of names and empty fields to the banner', () => {
    expect(matchField('colour', names)).toBeUndefined();
    expect(matchField('battery', names)).toBeUndefined();
    expect(matchField('', names)).toBeUndefined();
    expect(matchField(undefined, names)).toBeUndefined();
    expect(matchField('/', names)).toBeUndefined();
  });
});

describe('getAt and setAt', () => {
  it('read and write nested values without touching the original', () => {
    const form = { name: 'x', periods: [{ start: '07:00' }] };
    const next = setAt(form, 'periods/0/start', '08:00');
    expect(getAt(next, '/periods/0/start')).toBe('08:00');
    expect(Array.isArray(next.periods)).toBe(true);
    expect(form.periods[0].start).toBe('07:00');
    expect(getAt(setAt({}, 'address/city', 'Oslo'), 'address/city')).toBe('Oslo');
    expect(getAt(form, 'missing/deep')).toBeUndefined();
  });
});

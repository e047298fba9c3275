import { expect, test } from 'vitest';
import { returnPath } from './returnTo';

test('returns to the page the user was going to, never elsewhere', () => {
  expect(returnPath({ from: '/chargers/CP-1?x=1' })).toBe('/chargers/CP-1?x=1');
  expect(returnPath(null)).toBe('/');
  expect(returnPath({ from: '//evil.example/' })).toBe('/');
  expect(returnPath({ from: 'https://evil.example/' })).toBe('/');
  expect(returnPath({ from: '/sign-in' })).toBe('/');
});

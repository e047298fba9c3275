import { cleanup, render, screen, within } from '@testing-library/react';
import { ApiError } from '../api/client';
import { SpecForm } from './SpecForm';
import type { FieldSpec, FormValues } from './spec';

const fields: FieldSpec[] = [
  { name: 'name', label: 'Name' },
  { name: 'address/country', label: 'Country' },
  {
    name: 'periods', label: 'Periods', kind: 'rows', rowLabel: 'period',
    rowFields: [{ name: 'days', label: 'Days', kind: 'days' }, { name: 'start', label: 'From', kind: 'time' }, { name: 'end', label: 'Until', kind: 'time' }],
  },
];
const values: FormValues = {
  name: 'Depot', address: { country: 'nl' },
  periods: [{ days: ['Mon'], start: '07:00', end: '09:00' }, { days: ['Tue'], start: '10:00', end: '08:00' }],
};

function show(error: ApiError) {
  render(<SpecForm label="Tariff" fields={fields} values={values} onChange={() => {}} onSubmit={() => {}} error={error} />);
}

afterEach(cleanup);

describe('SpecForm', () => {
  it('puts an error on a member of a list next to the input of that row', () => {
    show(new ApiError(422, 'invalid_time_of_day', "'end' is after 'start'", '/periods/1/end'));
    const second = screen.getByRole('group', { name: 'Periods period 2' });
    const until = within(second).getByLabelText('Until');
    expect(until.getAttribute('aria-invalid')).toBe('true');
    expect(within(second).getByRole('alert').textContent).toBe("'end' is after 'start'");
    const first = screen.getByRole('group', { name: 'Periods period 1' });
    expect(within(first).getByLabelText('Until').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('puts a nested member’s error next to its input and one in a day list on the days', () => {
    show(new ApiError(422, 'invalid_country', 'two capitals', 'address/country'));
    expect(screen.getByLabelText('Country').getAttribute('aria-invalid')).toBe('true');
    cleanup();
    show(new ApiError(422, 'invalid_days', 'no such day', 'periods/0/days/1'));
    const days = within(screen.getByRole('group', { name: 'Periods period 1' })).getByRole('group', { name: 'Days' });
    expect(within(days).getByRole('alert').textContent).toBe('no such day');
  });

  it('shows an error for no input in the banner, with the role the API asked for', () => {
    show(new ApiError(422, 'unknown_field', "'colour' is not a member", 'colour'));
    expect(screen.getByRole('alert').className).toContain('fm-banner');
    cleanup();
    show(new ApiError(403, 'forbidden', 'this needs the admin role'));
    expect(screen.getByRole('alert').textContent).toBe('You may not do this: this needs the admin role.');
  });
});

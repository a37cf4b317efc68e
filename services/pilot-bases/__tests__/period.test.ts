import { BadUserInputError } from '../../../shared/errors';
import { chinaToday, daysBetween, parseDay } from '../../../shared/dates';
import { parseNewBookingPeriod, parseWindow, rangeLiteral } from '../period';

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).extensions.field;
  }
  throw new Error('expected a BadUserInputError');
}

describe('parseDay', () => {
  test.each(['2027-01-31', '2028-02-29', ' 2027-12-01 '])('accepts %p', (day) => {
    expect(parseDay(day, 'input.start')).toBe(day.trim());
  });
  test.each(['2027-02-30', '2027-13-01', '2027-2-3', '01/02/2027', '', '2027-01-01T00:00:00Z'])(
    'refuses %p naming the field',
    (day) => {
      expect(fieldOf(() => parseDay(day, 'input.start'))).toBe('input.start');
    },
  );
});

test('today is the date in China (UTC+8)', () => {
  expect(chinaToday(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
  expect(chinaToday(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
});

test('days of a half-open period', () => {
  expect(daysBetween('2027-01-01', '2027-01-02')).toBe(1);
  expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  expect(daysBetween('2027-03-01', '2027-04-01')).toBe(31);
});

describe('a window', () => {
  test('ends after it starts', () => {
    expect(parseWindow('2027-01-01', '2027-01-02')).toEqual({ start: '2027-01-01', end: '2027-01-02' });
    expect(fieldOf(() => parseWindow('2027-01-02', '2027-01-02'))).toBe('to');
    expect(fieldOf(() => parseWindow('2027-01-03', '2027-01-02'))).toBe('to');
    expect(fieldOf(() => parseWindow('2027-01-03', 'soon'))).toBe('to');
  });
  test('is written as a PostgreSQL daterange literal', () => {
    expect(rangeLiteral({ start: '2027-01-01', end: '2027-01-02' })).toBe('[2027-01-01,2027-01-02)');
  });
});

describe('the period of a new booking', () => {
  const today = '2026-11-23';
  test('may start today', () => {
    expect(parseNewBookingPeriod(today, '2026-11-24', today)).toEqual({ start: today, end: '2026-11-24' });
  });
  test.each([
    ['ends before it starts', '2027-01-10', '2027-01-01', 'input.end'],
    ['lasts no day', '2027-01-10', '2027-01-10', 'input.end'],
    ['starts in the past', '2026-11-22', '2026-12-01', 'input.start'],
    ['is not a date', '2027-01-01', 'next week', 'input.end'],
  ])('is refused when it %s', (_case, start, end, field) => {
    expect(fieldOf(() => parseNewBookingPeriod(start, end, today))).toBe(field);
  });
});

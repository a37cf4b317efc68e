import { parseDay } from '../../shared/dates';
import { BadUserInputError } from '../../shared/errors';

/** A half-open period of days, [start, end), as `YYYY-MM-DD` strings. */
export interface Period {
  start: string;
  end: string;
}

/**
 * A period to look at (a calendar or utilization window, an availability search): two real
 * days with the end after the start.
 */
export function parseWindow(start: string, end: string, fields = { start: 'from', end: 'to' }): Period {
  const period = { start: parseDay(start, fields.start), end: parseDay(end, fields.end) };
  if (period.end <= period.start) {
    throw new BadUserInputError(
      `${fields.end} must be after ${fields.start}: periods are half-open, [${fields.start}, ${fields.end})`,
      fields.end,
    );
  }
  return period;
}

/**
 * The period of a new booking: at least one day, ending after it starts, and not starting
 * before today (China time). Names the offending input field.
 */
export function parseNewBookingPeriod(start: string, end: string, today: string): Period {
  const period = parseWindow(start, end, { start: 'input.start', end: 'input.end' });
  if (period.start < today) {
    throw new BadUserInputError(`input.start must not be in the past (today is ${today})`, 'input.start');
  }
  return period;
}

/** The PostgreSQL daterange literal of a period, `[start,end)`. */
export function rangeLiteral(period: Period): string {
  return `[${period.start},${period.end})`;
}

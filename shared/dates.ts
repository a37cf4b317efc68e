import { BadUserInputError } from './errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
/** The alliance works on China Standard Time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China, where the alliance's members are, as `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * SQL: the calendar year in China (chinaToday's time zone) of a `timestamptz` expression,
 * an int. A fixed offset rather than a zone name, so no time-zone database is needed.
 */
export function chinaYearSql(timestamp: string): string {
  return `extract(year FROM (${timestamp}) AT TIME ZONE INTERVAL '+08:00')::int`;
}

/**
 * Checks a calendar day `YYYY-MM-DD` (a real date: no 2027-02-30), optionally not after
 * today (in China); throws BAD_USER_INPUT naming `field`. Returns the day as stored.
 */
export function parseDay(
  value: string,
  field: string,
  options: { notInFuture?: boolean; today?: string } = {},
): string {
  const text = value.trim();
  const date = DAY.test(text) ? new Date(`${text}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new BadUserInputError(`${field} must be a date written YYYY-MM-DD, e.g. "2027-03-01"`, field);
  }
  // PostgreSQL has no year 0, and no record of the alliance is that old or that far ahead.
  if (text < '1900-01-01' || text > '2199-12-31') {
    throw new BadUserInputError(`${field} must be a date between 1900 and 2199`, field);
  }
  if (options.notInFuture && text > (options.today ?? chinaToday())) {
    throw new BadUserInputError(`${field} must not be in the future`, field);
  }
  return text;
}

/** Days in [start, end). */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / MS_PER_DAY);
}

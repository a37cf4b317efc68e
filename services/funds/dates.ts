import { parseDay } from '../../shared/dates';
import { BadUserInputError } from '../../shared/errors';

/**
 * The day a fund records something on: the given day, or today when absent. Never in the
 * future, never before `notBefore` (the investment's previous date).
 */
export function recordDay(
  value: string | null | undefined,
  field: string,
  today: string,
  notBefore?: { day: string; what: string },
): string {
  const day = value ? parseDay(value, field) : today;
  if (day > today)
    throw new BadUserInputError(`${field} must not be in the future (today is ${today})`, field);
  if (notBefore && day < notBefore.day) {
    throw new BadUserInputError(`${field} must not be before ${notBefore.what} (${notBefore.day})`, field);
  }
  return day;
}

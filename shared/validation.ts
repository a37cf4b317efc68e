import { BadUserInputError, ConflictError } from './errors';
import { parseIpcPrefix } from './ipc';

/**
 * Checks of client input shared by the subgraphs' mutations. Each throws BAD_USER_INPUT
 * naming the offending field (`input.title`, `input.keywords[2]`) and returns the value in
 * the form it is stored in.
 */

/** A trimmed, non-empty text of at most `max` characters. */
export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw new BadUserInputError(`${field} must not be empty`, field);
  if (text.length > max) throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  return text;
}

/** A trimmed text that may be empty, at most `max` characters. */
export function optionalText(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (text.length > max) throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  return text;
}

/** A technology readiness level: an integer 1–9 (EU/NASA scale). */
export function trlLevel(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 9) {
    throw new BadUserInputError(
      `${field} must be a technology readiness level from 1 to 9, not ${value}`,
      field,
    );
  }
  return value;
}

/** A keyword as search and matching compare it: trimmed, lower-case, single-spaced, 1–60 characters. */
export function keyword(value: string, field: string): string {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text || text.length > 60) throw new BadUserInputError(`${field} must be 1–60 characters`, field);
  return text;
}

/** Keywords as search and matching compare them (`keyword`), unique, at most 30. */
export function keywordList(values: readonly string[], field: string): string[] {
  if (values.length > 30) throw new BadUserInputError(`${field} takes at most 30 keywords`, field);
  return [...new Set(values.map((value, index) => keyword(value, `${field}[${index}]`)))];
}

/** An ISO 4217 currency code, upper-case; `fallback` when none is given. */
export function currencyCode(value: string | null | undefined, field: string, fallback = 'CNY'): string {
  const code = (value ?? fallback).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new BadUserInputError(`${field} must be an ISO 4217 code such as CNY`, field);
  }
  return code;
}

/** Null in an update input or a filter means "leave as it is" or "no condition", like an absent field. */
export function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/**
 * The calendar years `from`…`to` (arguments named `fromField` and `toField`), in order:
 * each a year from 1900 to 2199 (as dates are), `to` not before `from`, at most `maxYears`
 * of them. BAD_USER_INPUT naming the offending argument otherwise (the span on `toField`,
 * with `extensions.maxYears`).
 */
export function yearRange(
  from: number,
  to: number,
  maxYears: number,
  fromField = 'fromYear',
  toField = 'toYear',
): number[] {
  for (const [year, field] of [
    [from, fromField],
    [to, toField],
  ] as const) {
    if (!Number.isInteger(year) || year < 1900 || year > 2199) {
      throw new BadUserInputError(`${field} must be a year from 1900 to 2199, not ${year}`, field);
    }
  }
  if (to < from) throw new BadUserInputError(`${toField} must not be before ${fromField}`, toField);
  if (to - from + 1 > maxYears) {
    throw new BadUserInputError(
      `${fromField}…${toField} may span at most ${maxYears} years, not ${to - from + 1}`,
      toField,
      { maxYears },
    );
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The status an update moves a record to: the current one when none is wanted, else the
 * wanted one if `transitions` allows it from the current one; BAD_USER_INPUT on `field`
 * naming the allowed next statuses (also in `extensions.allowed`) otherwise.
 */
export function nextStatus<S extends string>(
  transitions: Readonly<Record<S, readonly S[]>>,
  current: S,
  wanted: S | null | undefined,
  field: string,
  what: string,
): S {
  if (!isGiven(wanted) || wanted === current) return current;
  const allowed = transitions[current];
  if (allowed.includes(wanted)) return wanted;
  throw new BadUserInputError(
    `a ${what} that is ${current} cannot become ${wanted}; allowed: ${allowed.join(', ') || 'none'}`,
    field,
    { allowed },
  );
}

/**
 * The refusal of an action (`confirm`, `disburse`…) on a record whose status does not allow
 * it: a CONFLICT naming the status it is in and those the action starts from. Where
 * `nextStatus` refuses a value the caller chose (BAD_USER_INPUT on the field), this one
 * refuses a request that was right for the record as the caller last saw it: a retry of an
 * action that already happened, or a change someone made meanwhile. Re-read, then decide.
 */
export function actionConflict<S extends string>(
  record: { type: string; id: string; status: S },
  action: string,
  allowedFrom: readonly S[],
): ConflictError {
  return new ConflictError(
    `${record.type} "${record.id}" is ${record.status}: it cannot ${action} (allowed from ${allowedFrom.join(' or ')})`,
    { status: record.status, action },
  );
}

/** The filter conditions that lists of the innovation chain share (achievements, technology demands). */
export interface TechnologyFilterInput {
  /** The start of an IPC code. */
  ipcPrefix?: string | null;
  /** A keyword the record lists. */
  keyword?: string | null;
}

/**
 * Validates the technical field and keyword of a list filter; BAD_USER_INPUT names
 * `filter.ipcPrefix` or `filter.keyword`. An empty prefix is no condition.
 */
export function technologyFilter(input: TechnologyFilterInput): { ipcPrefix?: string; keyword?: string } {
  const filter: { ipcPrefix?: string; keyword?: string } = {};
  if (input.ipcPrefix) filter.ipcPrefix = parseIpcPrefix(input.ipcPrefix, 'filter.ipcPrefix');
  if (isGiven(input.keyword)) filter.keyword = keyword(input.keyword, 'filter.keyword');
  return filter;
}

import pg from 'pg';

/** node-postgres' own parser of `timestamptz` (`postgres-date`), taken before ours replaces it. */
const parsePostgresDate = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (
  text: string,
) => Date | number | null;

/** '0'…'9' as a digit, anything else as NaN (which poisons the sum it enters). */
function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : NaN;
}

/** Where 'YYYY-MM-DD HH:MM:SS' has its separators, and which (as character codes). */
const DATE_TIME_SEPARATORS: readonly (readonly [number, number])[] = [
  [4, 45],
  [7, 45],
  [10, 32],
  [13, 58],
  [16, 58],
];

function separatorsAt(text: string, separators: readonly (readonly [number, number])[]): boolean {
  return separators.every(([at, code]) => text.charCodeAt(at) === code);
}

function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at += 1) value = value * 10 + digit(text, at);
  return value;
}

/**
 * A `timestamptz` as PostgreSQL writes it in the ISO date style, read into a `Date`: the
 * same instant as node-postgres' own parser (`postgres-date`), which every row of every
 * table with a timestamp goes through. That parser runs three regular expressions and a
 * `parseFloat` per value; on a batch of `_entities` with their stage changes it was ~6 % of
 * the subgraph's CPU. This reads the common shape by character codes:
 * `YYYY-MM-DD HH:MM:SS[.f…]±HH[:MM[:SS]]` with a four-digit year from 1000 on. Anything
 * else (years before 1000 or after 9999, BC, ±infinity) goes to `postgres-date`, as before.
 * Like it, the fraction is cut to whole milliseconds.
 */
export function parseTimestamptz(text: string): Date | number | null {
  // 'YYYY-MM-DD HH:MM:SS' is 19 characters, and an offset at least 3 more.
  if (text.length < 22 || !separatorsAt(text, DATE_TIME_SEPARATORS)) return parsePostgresDate(text);
  const year = number(text, 0, 4);
  if (!(year >= 1000)) return parsePostgresDate(text);
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46 /* . */) {
    at += 1;
    let scale = 100;
    while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) {
      ms += digit(text, at) * scale;
      scale /= 10;
      at += 1;
    }
    ms = Math.floor(ms);
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return parsePostgresDate(text);
  // The offset: ±HH, ±HH:MM or ±HH:MM:SS, and nothing after it.
  const rest = text.length - at - 1;
  if (rest !== 2 && rest !== 5 && rest !== 8) return parsePostgresDate(text);
  if (rest >= 5 && text.charCodeAt(at + 3) !== 58) return parsePostgresDate(text);
  if (rest === 8 && text.charCodeAt(at + 6) !== 58) return parsePostgresDate(text);
  let offsetSeconds = number(text, at + 1, at + 3) * 3600;
  if (rest >= 5) offsetSeconds += number(text, at + 4, at + 6) * 60;
  if (rest === 8) offsetSeconds += number(text, at + 7, at + 9);
  const instant =
    Date.UTC(
      year,
      number(text, 5, 7) - 1,
      number(text, 8, 10),
      number(text, 11, 13),
      number(text, 14, 16),
      number(text, 17, 19),
      ms,
    ) -
    (sign === 45 ? -1 : 1) * offsetSeconds * 1000;
  // A stray character anywhere gave NaN: let the general parser decide what it is.
  return Number.isNaN(instant) ? parsePostgresDate(text) : new Date(instant);
}

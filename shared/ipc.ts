import { BadUserInputError } from './errors';

/**
 * International Patent Classification codes, as the alliance writes them: a subclass
 * (`C08J`: section letter A–H, two-digit class, subclass letter) optionally followed by a
 * group (`C08J 5/18`: main group of 1–4 digits, a slash, a subgroup of 2–6 digits).
 *
 * The enterprises subgraph uses this module too (a demand's field is an IPC code); it is
 * pure, with no database or subgraph state, so both deployables can carry it. The SQL at
 * the end is what both subgraphs' migrations install in their own schemas.
 */
const CODE = /^([A-H])(\d{2})([A-Z])(?:\s*(\d{1,4})\s*\/\s*(\d{2,6}))?$/;

/** The canonical form of a well-formed code (`c08j5/18` → `C08J 5/18`), or null. */
export function canonicalIpcCode(value: string): string | null {
  const match = CODE.exec(value.trim().toUpperCase());
  if (!match) return null;
  const [, section, klass, subclass, group, subgroup] = match;
  const head = `${section}${klass}${subclass}`;
  return group === undefined ? head : `${head} ${Number(group)}/${subgroup}`;
}

/** Canonicalizes a client-supplied code; BAD_USER_INPUT naming `field` when it is malformed. */
export function parseIpcCode(value: string, field: string): string {
  const code = canonicalIpcCode(value);
  if (!code) {
    throw new BadUserInputError(
      `${field} must be an IPC code such as "C07C 1/20" or a subclass such as "C08J", not "${value}"`,
      field,
    );
  }
  return code;
}

/** Canonicalizes a list of codes, naming the offending element (`input.ipcCodes[1]`). */
export function parseIpcCodes(
  values: readonly string[],
  field: string,
  options = { min: 1, max: 20 },
): string[] {
  if (values.length < options.min || values.length > options.max) {
    throw new BadUserInputError(`${field} needs ${options.min}–${options.max} IPC codes`, field);
  }
  const codes = values.map((value, index) => parseIpcCode(value, `${field}[${index}]`));
  return [...new Set(codes)];
}

const PREFIX = /^([A-H])(?:(\d{1,2})(?:([A-Z])(?:\s*(\d{1,4})(?:\s*(\/)\s*(\d{0,6}))?)?)?)?$/;

/**
 * Validates the start of a code used as a filter (`C`, `C08`, `C08J`, `C08J 5/`) and writes
 * it the way codes are stored, as `canonicalIpcCode` writes whole codes (`c08j05/` →
 * `C08J 5/`), so it finds what it names: BAD_USER_INPUT naming `field` when it cannot
 * start any code.
 */
export function parseIpcPrefix(value: string, field: string): string {
  const match = PREFIX.exec(value.trim().toUpperCase());
  const [, section, klass = '', subclass = '', group, slash = '', subgroup = ''] = match ?? [];
  // A subclass letter follows a whole two-digit class only (`C08J`, never `C8J`).
  if (!section || (subclass && klass.length !== 2)) {
    throw new BadUserInputError(`${field} must be the start of an IPC code, e.g. "C08" or "C08J 5/"`, field);
  }
  const head = `${section}${klass}${subclass}`;
  return group === undefined ? head : `${head} ${Number(group)}${slash}${subgroup}`;
}

/*
 * SQL of the migrations. The migrations of both subgraphs run these texts, so they must
 * never change: a different rule needs a new function (and a new migration), or a
 * database migrated before the change would differ from one migrated after it.
 * The migrations tests of both subgraphs pin the statements their migrations send.
 */

/** The canonical form (`C08J`, `C08J 5/18`) as a PostgreSQL regular expression, for the CHECKs of stored codes. */
export const CANONICAL_IPC_PATTERN = '^[A-H][0-9]{2}[A-Z]( [0-9]{1,4}/[0-9]{2,6})?$';

/**
 * Creates `<schema>.ipc_match_level(code, wanted)`: how close a canonical `code` comes to a
 * `wanted` field — 4 the code itself (or inside a wanted subclass), 3 the same main group,
 * 2 the same subclass, 1 the same class, 0 none (shared/matching-rules.ts grades these).
 */
export function ipcMatchLevelFunctionSql(schema: string): string {
  return `
      CREATE FUNCTION ${schema}.ipc_match_level(code text, wanted text) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN code = wanted THEN 4
          WHEN position(' ' IN wanted) = 0 AND left(code, 4) = wanted THEN 4
          WHEN position(' ' IN wanted) > 0 AND split_part(code, '/', 1) = split_part(wanted, '/', 1) THEN 3
          WHEN left(code, 4) = left(wanted, 4) THEN 2
          WHEN left(code, 3) = left(wanted, 3) THEN 1
          ELSE 0
        END
      $$`;
}

/**
 * Creates `<schema>.ipc_classes(codes)`: the distinct IPC classes (`C08`) of a list of
 * canonical codes, sorted. Two codes share a class exactly when `ipc_match_level` grades
 * them 1 or more, so a GIN index on this expression finds every achievement whose field
 * matches a demand's at all, without grading the others.
 */
export function ipcClassesFunctionSql(schema: string): string {
  return `
      CREATE FUNCTION ${schema}.ipc_classes(codes text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT DISTINCT left(code, 3) FROM unnest(codes) code ORDER BY 1)
      $$`;
}

import Decimal from 'decimal.js';
import { BadUserInputError } from '../../../shared/errors';

/**
 * Exact benefit shares. A share is a fraction of the whole: "one third each" cannot be
 * written as a finite percentage, and rounding it (33.3333 %) would make equal parties
 * unequal and the sum miss 100 %. So a share is given as a percentage with at most six
 * decimals (`"40"`, `"12.5"`) or as a fraction of the whole (`"1/3"`), and is stored as
 * integer parts over one common denominator per agreement version: the parts sum to the
 * denominator exactly, which PostgreSQL checks too.
 *
 * All arithmetic is on integers, in a decimal.js context wide enough never to round.
 */
export const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_DOWN });
export type Exact = InstanceType<typeof Exact>;

/** The finest common denominator allowed (one part in 10^12). */
export const MAX_DENOMINATOR = new Exact('1e12');

/** A fraction in lowest terms, 0 < num ≤ den. */
export interface Fraction {
  num: Exact;
  den: Exact;
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,6}))?$/;
const FRACTION = /^(\d{1,12})\s*\/\s*(\d{1,12})$/;

function gcd(a: Exact, b: Exact): Exact {
  let [x, y] = [a.abs(), b.abs()];
  while (!y.isZero()) [x, y] = [y, x.mod(y)];
  return x;
}

function lcm(a: Exact, b: Exact): Exact {
  return a.div(gcd(a, b)).times(b);
}

export function reduce(num: Exact, den: Exact): Fraction {
  const divisor = gcd(num, den);
  return { num: num.div(divisor), den: den.div(divisor) };
}

/** Parses a share; throws BAD_USER_INPUT on `field` unless 0 < share ≤ 100 %. */
export function parseShare(text: string, field: string): Fraction {
  const value = text.trim();
  let fraction: Fraction | null = null;
  // A match has the mandatory groups (digits, never empty); no match leaves them undefined.
  const [, whole, decimals = ''] = PERCENT.exec(value) ?? [];
  const [, numerator, denominator] = FRACTION.exec(value) ?? [];
  if (whole) {
    const num = new Exact(whole + decimals);
    fraction = reduce(num, new Exact(100).times(new Exact(10).pow(decimals.length)));
  } else if (numerator && denominator && !new Exact(denominator).isZero()) {
    fraction = reduce(new Exact(numerator), new Exact(denominator));
  }
  if (!fraction) {
    throw new BadUserInputError(
      `${field} must be a percentage with at most six decimals ("40", "12.5") or a fraction of the whole ("1/3")`,
      field,
    );
  }
  if (fraction.num.isZero()) throw new BadUserInputError(`${field} must be greater than zero`, field);
  if (fraction.num.gt(fraction.den)) throw new BadUserInputError(`${field} must be at most 100%`, field);
  return fraction;
}

/** Percent of a fraction, rounded to `decimals` places for display (`share` stays exact). */
export function percentOf(fraction: Fraction, decimals = 4): string {
  const exact = new Exact(fraction.num).times(100).div(fraction.den);
  return new Decimal(exact.toFixed(decimals + 2)).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed();
}

export function formatFraction(fraction: Fraction): string {
  return `${fraction.num.toFixed()}/${fraction.den.toFixed()}`;
}

/** Shares over one common denominator: what an agreement version stores. */
export interface CommonShares {
  denominator: Exact;
  parts: Exact[];
}

/**
 * Puts shares over their least common denominator and checks that they make exactly the
 * whole; throws BAD_USER_INPUT on `field` (the list) naming the sum otherwise.
 */
export function toCommonShares(shares: Fraction[], field: string): CommonShares {
  if (!shares.length) throw new BadUserInputError(`${field} must name at least one party`, field);
  const denominator = shares.reduce((acc, s) => lcm(acc, s.den), new Exact(1));
  if (denominator.gt(MAX_DENOMINATOR)) {
    throw new BadUserInputError(
      `${field}: the shares are too fine to add up exactly; use simpler fractions`,
      field,
    );
  }
  const parts = shares.map((s) => s.num.times(denominator.div(s.den)));
  const sum = parts.reduce((acc, p) => acc.plus(p), new Exact(0));
  if (!sum.eq(denominator)) {
    const total = reduce(sum, denominator);
    throw new BadUserInputError(
      `${field}: the shares sum to ${percentOf(total, 8)}% (${formatFraction(total)}), they must sum to exactly 100%`,
      field,
    );
  }
  return { denominator, parts };
}

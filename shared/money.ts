import Decimal from 'decimal.js';
import { BadUserInputError } from './errors';

/** The default currency of the alliance's amounts. */
export const DEFAULT_CURRENCY = 'CNY';

/** An exact amount as the API shows it: a decimal string with two places and its currency. */
export interface Money {
  amount: string;
  currency: string;
}

const AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;

/**
 * Parses a client-supplied decimal string into an exact amount with at most two decimals
 * (fen). Refuses floats in disguise (`1e6`), more than two decimals, and, unless allowed,
 * zero or negative values.
 */
export function parseAmount(
  value: string,
  field: string,
  options: { allowZero?: boolean; allowNegative?: boolean } = {},
): Decimal {
  const text = value.trim();
  if (!AMOUNT.test(text)) {
    throw new BadUserInputError(
      `${field} must be a decimal string with at most two decimals, e.g. "1250000.00"`,
      field,
    );
  }
  const amount = new Decimal(text);
  if (amount.isNegative() && !amount.isZero() && !options.allowNegative) {
    throw new BadUserInputError(`${field} must not be negative`, field);
  }
  if (amount.isZero() && !options.allowZero) {
    throw new BadUserInputError(`${field} must be greater than zero`, field);
  }
  return amount;
}

/** Formats a PostgreSQL numeric (which node-postgres returns as a string) for the API. */
export function money(amount: string | Decimal, currency?: string): Money;
export function money(amount: string | Decimal | null | undefined, currency?: string): Money | null;
export function money(
  amount: string | Decimal | null | undefined,
  currency = DEFAULT_CURRENCY,
): Money | null {
  if (amount === null || amount === undefined) return null;
  return { amount: new Decimal(amount).toFixed(2), currency };
}

export { Decimal };

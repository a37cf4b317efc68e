import type Decimal from 'decimal.js';
import { Exact } from './shares';

/**
 * Splits an amount among parties by their exact shares so that the payouts add up to the
 * amount to the fen: the largest-remainder method, on integer fen.
 *
 * Each party first gets the whole fen of its exact portion (amount × parts / denominator,
 * rounded down); the fen left over — fewer than the number of parties — go one each to
 * the parties with the largest remainders; equal remainders go in the agreement's party
 * order. The result depends only on the inputs, never on sort stability or floats.
 *
 * @param amount yuan with at most two decimals (already validated)
 * @param parts each party's share as integer parts of `denominator`; they sum to it
 * @returns each party's payout in yuan with two decimals, in party order
 */
export function largestRemainder(amount: Decimal, parts: readonly Exact[], denominator: Exact): string[] {
  const totalFen = new Exact(amount.toFixed(2)).times(100);
  if (!totalFen.isInteger()) throw new Error('amount has more decimals than fen');
  const portions = parts.map((p, position) => {
    const exact = totalFen.times(p);
    return { position, fen: exact.divToInt(denominator), remainder: exact.mod(denominator) };
  });
  const assigned = portions.reduce((sum, p) => sum.plus(p.fen), new Exact(0));
  let leftover = totalFen.minus(assigned).toNumber();
  const byRemainder = [...portions].sort(
    (a, b) => b.remainder.comparedTo(a.remainder) || a.position - b.position,
  );
  for (const portion of byRemainder) {
    if (leftover <= 0) break;
    portion.fen = portion.fen.plus(1);
    leftover -= 1;
  }
  return portions.map((p) => p.fen.div(100).toFixed(2));
}

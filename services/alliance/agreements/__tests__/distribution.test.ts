import Decimal from 'decimal.js';
import { largestRemainder } from '../distribution';
import { Exact } from '../shares';

const split = (amount: string, parts: number[], denominator: number) =>
  largestRemainder(
    new Decimal(amount),
    parts.map((p) => new Exact(p)),
    new Exact(denominator),
  );

const fen = (amounts: string[]) => amounts.reduce((sum, a) => sum + BigInt(a.replace('.', '')), 0n);

test('¥1,000,000.00 over three equal parties: the one leftover fen goes to the first', () => {
  expect(split('1000000.00', [1, 1, 1], 3)).toEqual(['333333.34', '333333.33', '333333.33']);
});

test('¥0.01 over three parties: one fen, to the first party', () => {
  expect(split('0.01', [1, 1, 1], 3)).toEqual(['0.01', '0.00', '0.00']);
});

test('leftover fen go to the largest remainders first, not in party order', () => {
  // 1.00 by 1/6, 1/2, 1/3: exact 16.67, 50, 33.33 fen → the 1/6 party has the largest remainder.
  expect(split('1.00', [1, 3, 2], 6)).toEqual(['0.17', '0.50', '0.33']);
  // 0.10 by 7/10 and 3/10 split exactly.
  expect(split('0.10', [7, 3], 10)).toEqual(['0.07', '0.03']);
});

test('the payouts always sum to the amount, to the fen', () => {
  const denominators = [3, 7, 11, 97, 1000];
  for (let seed = 1; seed <= 200; seed += 1) {
    const denominator = denominators[seed % denominators.length]!;
    const n = 2 + (seed % 5);
    const parts = Array.from({ length: n }, (_, i) => (i < n - 1 ? 1 + ((seed * (i + 3)) % 3) : 0));
    const used = parts.reduce((a, b) => a + b, 0);
    if (used >= denominator) continue;
    parts[n - 1] = denominator - used;
    const amount = new Decimal(seed * 7919).div(100).toFixed(2);
    expect({ amount, paid: fen(split(amount, parts, denominator)) }).toEqual({
      amount,
      paid: BigInt(amount.replace('.', '')),
    });
  }
});

test('the largest amount the API accepts splits exactly', () => {
  const paid = split('9999999999999999.99', [1, 1, 1], 3);
  expect(paid).toEqual(['3333333333333333.33', '3333333333333333.33', '3333333333333333.33']);
});

import type { GraphQLError } from 'graphql';
import { money, parseAmount } from '../money';

/** The extensions of the error `run` throws (none when it does not throw). */
function extensionsOf(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return {};
}

describe('parseAmount', () => {
  test.each([
    ['850000000', '850000000'],
    ['1250000.50', '1250000.5'],
    ['0.01', '0.01'],
    [' 12.30 ', '12.3'],
  ])('accepts %p exactly', (text, expected) => {
    expect(parseAmount(text, 'input.amount').toString()).toBe(expected);
  });

  test.each([
    ['1.234', /at most two decimals/],
    ['1e6', /decimal string/],
    ['abc', /decimal string/],
    ['-5.00', /must not be negative/],
    ['0', /greater than zero/],
    ['0.00', /greater than zero/],
  ])('refuses %p, naming the field', (text, message) => {
    expect(() => parseAmount(text, 'input.amount')).toThrow(message);
    expect(extensionsOf(() => parseAmount(text, 'input.amount'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
    });
  });

  test('zero can be allowed', () => {
    expect(parseAmount('0', 'x', { allowZero: true }).isZero()).toBe(true);
  });
});

describe('money', () => {
  test('formats numeric strings with two decimals and the currency', () => {
    expect(money('850000000')).toEqual({ amount: '850000000.00', currency: 'CNY' });
    expect(money('0.1', 'USD')).toEqual({ amount: '0.10', currency: 'USD' });
  });

  test('keeps precision a float would lose', () => {
    expect(money('9007199254740993.01')).toEqual({ amount: '9007199254740993.01', currency: 'CNY' });
  });

  test('passes null through', () => {
    expect(money(null)).toBeNull();
  });
});

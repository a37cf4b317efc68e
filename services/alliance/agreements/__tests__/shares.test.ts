import { Exact, parseShare, percentOf, toCommonShares, formatFraction } from '../shares';

describe('parseShare', () => {
  test.each([
    ['40', '2/5'],
    ['12.5', '1/8'],
    ['100', '1/1'],
    ['33.3333', '333333/1000000'],
    ['0.000001', '1/100000000'],
    ['1/3', '1/3'],
    ['2 / 6', '1/3'],
    ['1/1', '1/1'],
  ])('%s is exactly %s of the whole', (text, fraction) => {
    expect(formatFraction(parseShare(text, 'share'))).toBe(fraction);
  });

  test.each(['0', '0/5', '101', '4/3', '1/0', '', 'a third', '1e1', '-5', '33.3333333', '1,5'])(
    '%j is refused on the named field',
    (text) => {
      let thrown: unknown;
      try {
        parseShare(text, 'input.parties[2].share');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.parties[2].share' },
      });
    },
  );
});

describe('toCommonShares', () => {
  const parse = (...texts: string[]) => texts.map((t) => parseShare(t, 's'));

  test('thirds go over 3; percentages and fractions mix over their least common denominator', () => {
    const thirds = toCommonShares(parse('1/3', '1/3', '1/3'), 'parties');
    expect(thirds.denominator.toFixed()).toBe('3');
    expect(thirds.parts.map((p) => p.toFixed())).toEqual(['1', '1', '1']);
    const mixed = toCommonShares(parse('50', '1/6', '1/3'), 'parties');
    expect(mixed.denominator.toFixed()).toBe('6');
    expect(mixed.parts.map((p) => p.toFixed())).toEqual(['3', '1', '2']);
  });

  test('shares that miss 100% by a millionth are refused with their sum', () => {
    expect(() => toCommonShares(parse('33.333333', '33.333333', '33.333333'), 'input.parties')).toThrow(
      /sum to 99\.999999% \(99999999\/100000000\)/,
    );
  });

  test('no shares, or shares too fine to add up, are refused', () => {
    expect(() => toCommonShares([], 'input.parties')).toThrow(/at least one party/);
    const primes = ['1/999983', '1/999979', '1/999961'].map((t) => parseShare(t, 's'));
    expect(() => toCommonShares(primes, 'input.parties')).toThrow(/too fine/);
  });
});

test('percentOf rounds for display only', () => {
  expect(percentOf({ num: new Exact(1), den: new Exact(3) })).toBe('33.3333');
  expect(percentOf({ num: new Exact(2), den: new Exact(3) })).toBe('66.6667');
  expect(percentOf({ num: new Exact(1), den: new Exact(8) })).toBe('12.5');
});

import type { GraphQLError } from 'graphql';
import { yearRange } from '../validation';

/** The extensions of the error `run` throws (none when it does not throw). */
function extensionsOf(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return {};
}

describe('yearRange', () => {
  test('every year from the first to the last, in order', () => {
    expect(yearRange(2018, 2020, 20)).toEqual([2018, 2019, 2020]);
    expect(yearRange(2025, 2025, 20)).toEqual([2025]);
    expect(yearRange(2001, 2020, 20)).toHaveLength(20);
  });

  test.each([
    ['more years than allowed', 2000, 2020, { field: 'toYear', maxYears: 20 }],
    ['a last year before the first', 2020, 2019, { field: 'toYear' }],
    ['a first year before 1900', 1899, 1900, { field: 'fromYear' }],
    ['a last year after 2199', 2199, 2200, { field: 'toYear' }],
    ['a year that is not a whole number', 2019.5, 2020, { field: 'fromYear' }],
  ])('refuses %s with BAD_USER_INPUT naming the argument', (_case, from, to, extensions) => {
    expect(extensionsOf(() => yearRange(from, to, 20))).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  });
});

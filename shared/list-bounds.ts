import { BadUserInputError } from './errors';

/**
 * The bound on a list of children (a fund's investments, a base's facilities): what a
 * parent returns at most when the client says nothing, and the most it may ask for. The
 * gateway's cost model multiplies by the same numbers, read from the `@listSize` of the
 * field (its `first` argument's default), so what is priced is what is returned.
 */
export interface ListBound {
  default: number;
  max: number;
}

/** The usual bound of a record's child lists (a project's stage changes, a fund's investments): 20 by default, at most 100. */
export const CHILD_LIST: ListBound = { default: 20, max: 100 };

/** Validates a child list's `first`: 1…`bound.max`, `bound.default` when absent. */
export function boundedSize(first: number | null | undefined, bound: ListBound, argument = 'first'): number {
  const size = first ?? bound.default;
  if (!Number.isInteger(size) || size < 1 || size > bound.max) {
    throw new BadUserInputError(`${argument} must be between 1 and ${bound.max}`, argument);
  }
  return size;
}

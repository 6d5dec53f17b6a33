import { adjustedRandIndex as adjustedRandIndexOfNumbers } from '../hdbscan/partition';
import { encodeLabels, type Label } from './encodeLabels';
import { MetricsInputError } from './errors';

/**
 * Adjusted Rand index of two labellings (the HDBSCAN module's implementation; noise -1 is one more label), for
 * number or string labels alike: both are first renumbered densely, so labels are compared by identity only.
 * 1 for the same partition, about 0 for independent ones.
 *
 * @throws MetricsInputError (LENGTH_MISMATCH) when the two labellings differ in length
 * @example
 * adjustedRandIndex(['chess', 'chess', 'food'], [3, 3, -1]); // 1
 */
export function adjustedRandIndex(a: ArrayLike<Label>, b: ArrayLike<Label>): number {
  if (a.length !== b.length)
    throw new MetricsInputError('LENGTH_MISMATCH', `labellings differ in length: a has ${a.length}, b has ${b.length}`);
  return adjustedRandIndexOfNumbers(encodeLabels(a).ids, encodeLabels(b).ids);
}

import type { TopicTerm } from './cTfIdf';
import { LabelsError } from './errors';

/**
 * A topic label as the reference report prints it: `term (score)` joined by `/`, scores with two decimals.
 * @param terms label terms, best first (topicTerms' order)
 * @param count how many terms to show (default 5)
 * @returns '' when there are no terms
 * @example formatLabel([{ term: 'circus', score: 0.8812 }, { term: 'sulli', score: 0.234 }]) // 'circus (0.88)/sulli (0.23)'
 */
export function formatLabel(terms: readonly TopicTerm[], count = 5): string {
  if (!Number.isInteger(count) || count < 0)
    throw new LabelsError('INVALID_OPTION', `formatLabel count must be an integer >= 0, got ${count}`);
  const shown = terms.length > count ? terms.slice(0, count) : terms;
  return shown.map((t) => `${t.term} (${t.score.toFixed(2)})`).join('/');
}

import type { TopicTerm } from './cTfIdf';

/**
 * Cosine similarity of two labels seen as sparse vectors term -> score: 1 for the same terms in the same
 * proportions, 0 for no term in common. For matching topics across refits, where the two c-TF-IDF models (and so
 * their term ids) differ but the terms are comparable.
 * @example labelSimilarity([{ term: 'boss', score: 0.5 }], [{ term: 'boss', score: 0.2 }, { term: 'gg', score: 0.1 }]) // ≈ 0.89
 */
export function labelSimilarity(a: readonly TopicTerm[], b: readonly TopicTerm[]): number {
  const vectorA = termScores(a);
  const vectorB = termScores(b);
  let dot = 0;
  for (const [term, score] of vectorB) dot += score * (vectorA.get(term) ?? 0);
  const norm = Math.sqrt(squaredNorm(vectorA) * squaredNorm(vectorB));
  return norm > 0 ? dot / norm : 0;
}

/** Term -> score; a term listed twice adds up. */
function termScores(terms: readonly TopicTerm[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const t of terms) scores.set(t.term, (scores.get(t.term) ?? 0) + t.score);
  return scores;
}

function squaredNorm(vector: Map<string, number>): number {
  let sum = 0;
  for (const s of vector.values()) sum += s * s;
  return sum;
}

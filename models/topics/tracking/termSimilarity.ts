import type { CandidatePair } from './matchPairs';
import type { TopicTerm } from './types';

/**
 * Cosine similarity of two labels seen as sparse vectors term -> score (0 when they share no term or one is
 * empty). A term listed twice counts with the sum of its scores.
 *
 * @example
 * termCosine([{ term: 'gg', score: 0.9 }, { term: 'ez', score: 0.2 }], [{ term: 'gg', score: 0.8 }]); // ≈ 0.976
 */
export function termCosine(a: readonly TopicTerm[], b: readonly TopicTerm[]): number {
  const va = termVector(a);
  const vb = termVector(b);
  let dot = 0;
  for (const [term, score] of va) dot += score * (vb.get(term) ?? 0);
  const norm = vectorNorm(va) * vectorNorm(vb);
  return norm > 0 ? dot / norm : 0;
}

/**
 * Candidate (topic, cluster) links by label similarity: every pair whose term cosine reaches `minSimilarity`,
 * weighted by that cosine. An inverted index from term to topics keeps the work to the pairs that share a term.
 *
 * @param clusters the clusters still without a topic: index in the refit and label terms.
 * @param topics the topics still without a cluster: id and label terms.
 * @param minSimilarity least cosine for a pair to be a candidate.
 */
export function labelSimilarityPairs(
  clusters: readonly { index: number; terms: readonly TopicTerm[] }[],
  topics: readonly { id: number; terms: readonly TopicTerm[] }[],
  minSimilarity: number,
): CandidatePair[] {
  const postings = new Map<string, { topicId: number; score: number }[]>();
  const topicNorm = new Map<number, number>();
  for (const topic of topics) {
    const vector = termVector(topic.terms);
    topicNorm.set(topic.id, vectorNorm(vector));
    for (const [term, score] of vector) {
      const list = postings.get(term);
      if (list) list.push({ topicId: topic.id, score });
      else postings.set(term, [{ topicId: topic.id, score }]);
    }
  }
  const pairs: CandidatePair[] = [];
  for (const cluster of clusters) {
    const vector = termVector(cluster.terms);
    const norm = vectorNorm(vector);
    if (norm === 0) continue;
    const dots = new Map<number, number>();
    for (const [term, score] of vector) {
      for (const posting of postings.get(term) ?? [])
        dots.set(posting.topicId, (dots.get(posting.topicId) ?? 0) + score * posting.score);
    }
    for (const [topicId, dot] of dots) {
      const cosine = dot / (norm * topicNorm.get(topicId)!);
      if (cosine >= minSimilarity) pairs.push({ topicId, cluster: cluster.index, weight: cosine });
    }
  }
  return pairs;
}

function termVector(terms: readonly TopicTerm[]): Map<string, number> {
  const vector = new Map<string, number>();
  for (const { term, score } of terms) vector.set(term, (vector.get(term) ?? 0) + score);
  return vector;
}

function vectorNorm(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const score of vector.values()) sum += score * score;
  return Math.sqrt(sum);
}

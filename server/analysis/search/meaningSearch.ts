import type { VectorRows } from '../store/vectorFile';
import { rankMessages, rankTopics, type Scored, type SearchScope } from './searchTypes';

/** Euclidean norm of each row (0 for a zero row). */
export function rowNorms(vectors: VectorRows): Float32Array {
  const { data, dimension, rows } = vectors;
  const norms = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let d = r * dimension, end = d + dimension; d < end; d++) s += data[d]! * data[d]!;
    norms[r] = Math.sqrt(s);
  }
  return norms;
}

/**
 * Search by meaning: messages ranked by the cosine of their vector to the query's; topics by the cosine of the
 * query to their centroid (the mean of their messages' unit vectors in range). A zero vector scores 0.
 *
 * @param query the query embedded by the model that made `vectors`
 * @param norms {@link rowNorms} of `vectors` (kept with them: computed once per stored analysis)
 * @example meaningSearch(await embedder.embed(['the referee'])[0], scope, vectors, norms)
 */
export function meaningSearch(
  query: Float32Array,
  scope: SearchScope,
  vectors: VectorRows,
  norms: Float32Array,
): { messages: Scored[]; topics: Scored[] } {
  const { data, dimension } = vectors;
  let qn = 0;
  for (let d = 0; d < dimension; d++) qn += query[d]! * query[d]!;
  qn = Math.sqrt(qn);
  const scored: Scored[] = [];
  const centroids = new Map<number, Float64Array>();
  for (const i of scope.inRange) {
    const norm = norms[i]!;
    const base = i * dimension;
    let dot = 0;
    for (let d = 0; d < dimension; d++) dot += data[base + d]! * query[d]!;
    scored.push({ id: i, score: norm > 0 && qn > 0 ? dot / (norm * qn) : 0 });
    const topic = scope.messages[i]!.topic;
    if (topic < 0 || norm === 0) continue;
    let c = centroids.get(topic);
    if (!c) centroids.set(topic, (c = new Float64Array(dimension)));
    for (let d = 0; d < dimension; d++) c[d] = c[d]! + data[base + d]! / norm;
  }
  const topics: Scored[] = [];
  for (const [topic, c] of centroids) {
    let dot = 0;
    let cn = 0;
    for (let d = 0; d < dimension; d++) {
      dot += c[d]! * query[d]!;
      cn += c[d]! * c[d]!;
    }
    topics.push({ id: topic, score: cn > 0 && qn > 0 ? dot / (Math.sqrt(cn) * qn) : 0 });
  }
  return { messages: rankMessages(scored, scope.messages, scope.limit), topics: rankTopics(topics, scope.limit) };
}

import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { syntheticClusters } from '../umap';
import { centroidAccuracy } from '../umap/testMetrics';
import { mapLayout, MAP_MIN_DIST, MAP_NEIGHBOURS } from './mapLayout';

/** Rows scaled to unit length (as the bag-of-words baseline's vectors are). */
function unitRows(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let r = 0; r < vectors.length / dim; r++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vectors[r * dim + d]! ** 2;
    for (let d = 0; d < dim; d++) out[r * dim + d] = vectors[r * dim + d]! / Math.sqrt(s);
  }
  return out;
}

describe('mapLayout', () => {
  const dim = 16;
  const data = syntheticClusters({ n: 300, clusters: 4, dim, seed: 3, separation: 4 });
  const vectors = unitRows(data.vectors, dim);
  // The topic fit's graph: cosine, self left out, many more columns than the map reads.
  const knn = exactKnn(vectors, vectors, dim, 40, { metric: 'cosine', excludeSelf: true });

  it('lays every vector out in 2-D with the reference settings, clusters apart', () => {
    const map = mapLayout(vectors, dim, knn, { seed: 42 });
    expect(map.nNeighbors).toBe(MAP_NEIGHBOURS);
    expect(map.minDist).toBe(MAP_MIN_DIST);
    expect(map.x).toHaveLength(300);
    expect(map.y).toHaveLength(300);
    expect([...map.x, ...map.y].every(Number.isFinite)).toBe(true);
    const layout = Float32Array.from(map.x.flatMap((x, i) => [x, map.y[i]!]));
    expect(centroidAccuracy(layout, 2, data.labels)).toBeGreaterThan(0.95);
  });

  it('gives the same map for the same seed and another for another seed', () => {
    const a = mapLayout(vectors, dim, knn, { seed: 42 });
    const b = mapLayout(vectors, dim, knn, { seed: 42 });
    const c = mapLayout(vectors, dim, knn, { seed: 7 });
    expect(b).toEqual(a);
    expect(c.x).not.toEqual(a.x);
  });

  it('places one vector at the origin, none when there are none, and shrinks the neighbourhood on a tiny input', () => {
    expect(mapLayout(new Float32Array(0), dim, null, { seed: 1 }).x).toEqual([]);
    expect(mapLayout(vectors.slice(0, dim), dim, null, { seed: 1 })).toMatchObject({ x: [0], y: [0] });
    const few = vectors.slice(0, 6 * dim);
    const small = mapLayout(few, dim, exactKnn(few, few, dim, 5, { metric: 'cosine', excludeSelf: true }), { seed: 1 });
    expect(small.nNeighbors).toBe(6);
    expect(small.x).toHaveLength(6);
  });
});

import { describe, expect, it } from 'vitest';
import { HierarchyMergeSchema } from '../../../contracts/analysis';
import { Sfc32 } from '../../random';
import type { GroupTermModel } from '../pipeline';
import { topicHierarchy } from './topicHierarchy';

/** A term model from each topic's term counts (`{ word: count }`), idf 1 for every word unless given. */
function model(rows: Record<string, number>[], idf: Record<string, number> = {}): GroupTermModel {
  const vocabulary = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const start = new Int32Array(rows.length + 1);
  const ids: number[] = [];
  const values: number[] = [];
  rows.forEach((row, t) => {
    start[t] = ids.length;
    for (const [word, c] of Object.entries(row)) {
      ids.push(vocabulary.indexOf(word));
      values.push(c);
    }
  });
  start[rows.length] = ids.length;
  return {
    vocabulary,
    idf: Float64Array.from(vocabulary, (w) => idf[w] ?? 1),
    counts: { start, ids: Int32Array.from(ids), values: Float64Array.from(values) },
  };
}

const hierarchyOf = (rows: Record<string, number>[], sizes = rows.map(() => 10)) =>
  topicHierarchy({ termModel: model(rows), sizes, labels: rows.map((_, t) => `topic ${t}`) });

/** Average linkage the slow way: every pair of clusters, mean of the leaf-to-leaf distances. */
function naiveDistances(rows: Record<string, number>[]): number[] {
  const norm = (r: Record<string, number>) => {
    const total = Object.values(r).reduce((s, c) => s + c, 0);
    const w = Object.fromEntries(Object.entries(r).map(([k, c]) => [k, c / total]));
    const len = Math.hypot(...Object.values(w));
    return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v / len]));
  };
  const unit = rows.map(norm);
  const leafDist = (a: number, b: number) =>
    1 - Object.entries(unit[a]!).reduce((s, [k, v]) => s + v * (unit[b]![k] ?? 0), 0);
  let clusters = rows.map((_, i) => [i]);
  const out: number[] = [];
  while (clusters.length > 1) {
    let best = [Infinity, 0, 0];
    for (let i = 0; i < clusters.length; i++)
      for (let j = i + 1; j < clusters.length; j++) {
        let sum = 0;
        for (const a of clusters[i]!) for (const b of clusters[j]!) sum += leafDist(a, b);
        const d = sum / (clusters[i]!.length * clusters[j]!.length);
        if (d < best[0]!) best = [d, i, j];
      }
    out.push(best[0]!);
    const [, i, j] = best as [number, number, number];
    clusters = [...clusters.filter((_, c) => c !== i && c !== j), [...clusters[i]!, ...clusters[j]!]];
  }
  return out;
}

describe('topicHierarchy', () => {
  it('has no merge for 0 or 1 topic and one for 2', () => {
    expect(hierarchyOf([])).toEqual([]);
    expect(hierarchyOf([{ gg: 3 }])).toEqual([]);
    const [only, ...rest] = hierarchyOf([{ gg: 3 }, { boss: 2 }], [4, 6]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: 2, left: 0, right: 1, size: 10 });
    expect(only!.distance).toBeCloseTo(1, 12);
  });

  it('merges the two topics that share their words first and labels the node with their summed counts', () => {
    const merges = hierarchyOf([{ penalty: 4, arbitre: 2 }, { boss: 5 }, { penalty: 3, arbitre: 3, var: 1 }]);
    expect(merges[0]).toMatchObject({ id: 3, left: 0, right: 2, size: 20 });
    // penalty 7 and arbitre 5 of 13 counts, idf 1.
    expect(merges[0]!.label).toBe('penalty (0.54)/arbitre (0.38)/var (0.08)');
    expect(merges[1]).toMatchObject({ id: 4, left: 3, right: 1, size: 30 });
  });

  it("gives a node its larger child's label when no term has weight (topics named by their commonest message)", () => {
    const merges = topicHierarchy({ termModel: model([{}, {}]), sizes: [3, 8], labels: ['mdr (1.00)', 'ptdr (1.00)'] });
    expect(merges[0]!.label).toBe('ptdr (1.00)');
  });

  it('builds a valid tree of n - 1 merges for 400 random topics, in increasing distance, as naive average linkage does', () => {
    const random = new Sfc32(9);
    const words = Array.from({ length: 60 }, (_, w) => `w${w}`);
    const rows = Array.from({ length: 400 }, () => {
      const row: Record<string, number> = {};
      for (let k = 0; k < 4; k++)
        row[words[Math.floor(random.next() * words.length)]!] = 1 + Math.floor(random.next() * 5);
      return row;
    });
    const sizes = rows.map((_, t) => 5 + (t % 7));
    const started = performance.now();
    const merges = hierarchyOf(rows, sizes);
    const ms = performance.now() - started;
    expect(merges).toHaveLength(399);
    for (const m of merges) expect(() => HierarchyMergeSchema.parse(m)).not.toThrow();
    const children = merges.flatMap((m) => [m.left, m.right]).sort((a, b) => a - b);
    expect(children).toEqual(Array.from({ length: 798 }, (_, i) => i)); // every node but the root, once
    merges.forEach((m, k) => {
      expect(m.id).toBe(400 + k);
      expect(Math.max(m.left, m.right)).toBeLessThan(m.id);
      if (k > 0) expect(m.distance).toBeGreaterThanOrEqual(merges[k - 1]!.distance);
    });
    expect(merges.at(-1)!.size).toBe(sizes.reduce((s, x) => s + x, 0));
    expect(ms).toBeLessThan(2000);
    const naive = naiveDistances(rows.slice(0, 40));
    const fast = hierarchyOf(rows.slice(0, 40)).map((m) => m.distance);
    fast.forEach((d, k) => expect(d).toBeCloseTo(naive[k]!, 9));
  });
});

import { describe, expect, it } from 'vitest';
import { leadingEigenvectors } from './lanczos';
import { Xoshiro128StarStar } from '../../random';
import { spectralLayout } from './spectralLayout';
import type { SparseGraph } from './SparseGraph';
import { tridiagonalTopEigen } from './tridiagonalEigen';

/** Dense eigen-decomposition by cyclic Jacobi: slow and simple, the oracle for the fast solvers. */
function jacobiEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const m = matrix.length;
  const a = matrix.map((r) => r.slice());
  const v = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        if (Math.abs(a[p]![q]!) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const [x, y] = [a[r]![p]!, a[r]![q]!];
          a[r]![p] = c * x - s * y;
          a[r]![q] = s * x + c * y;
        }
        for (let r = 0; r < m; r++) {
          const [x, y] = [a[p]![r]!, a[q]![r]!];
          a[p]![r] = c * x - s * y;
          a[q]![r] = s * x + c * y;
        }
        for (let r = 0; r < m; r++) {
          const [x, y] = [v[r]![p]!, v[r]![q]!];
          v[r]![p] = c * x - s * y;
          v[r]![q] = s * x + c * y;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => a[y]![y]! - a[x]![x]!);
  return { values: order.map((i) => a[i]![i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}

/** A random symmetric graph: a ring (connected) plus random chords. */
function randomGraph(n: number, chords: number, seed: number): { graph: SparseGraph; dense: number[][] } {
  const r = new Xoshiro128StarStar(seed);
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const link = (i: number, j: number, w: number) => {
    if (i === j) return;
    d[i]![j] = d[j]![i] = w;
  };
  for (let i = 0; i < n; i++) link(i, (i + 1) % n, 0.5 + r.next() / 2);
  for (let c = 0; c < chords; c++) link(Math.floor(r.next() * n), Math.floor(r.next() * n), r.next());
  return { graph: toSparse(d), dense: d };
}

function toSparse(d: number[][]): SparseGraph {
  const n = d.length;
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (d[i]![j]! > 0) {
        cols.push(j);
        weights.push(d[i]![j]!);
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  return { rows: n, cols: n, rowPtr, colIndex: Int32Array.from(cols), weights: Float32Array.from(weights) };
}

describe('tridiagonalTopEigen', () => {
  it('matches a dense solver, including a cluster of nearly equal eigenvalues', () => {
    const r = new Xoshiro128StarStar(3);
    for (const clustered of [false, true]) {
      const m = 40;
      const diag = Array.from({ length: m }, () => r.normalFromComplement());
      const off = Array.from({ length: m - 1 }, () => (clustered ? 1e-6 : 1) * r.normalFromComplement());
      if (clustered) for (let i = 0; i < 5; i++) diag[i * 4] = 3 + 1e-9 * i;
      const t = Array.from({ length: m }, (_, i) =>
        Array.from({ length: m }, (_, j) => (i === j ? diag[i]! : Math.abs(i - j) === 1 ? off[Math.min(i, j)]! : 0)),
      );
      const ref = jacobiEigen(t);
      const got = tridiagonalTopEigen(diag, off, 6);
      for (let j = 0; j < 6; j++) {
        expect(got.values[j]).toBeCloseTo(ref.values[j]!, 10);
        // Residual |T x - lambda x| and orthonormality.
        for (let i = 0; i < m; i++) {
          let s = 0;
          for (let q = 0; q < m; q++) s += t[i]![q]! * got.vectors[q * 6 + j]!;
          expect(Math.abs(s - got.values[j]! * got.vectors[i * 6 + j]!)).toBeLessThan(1e-8);
        }
        for (let p = 0; p <= j; p++) {
          let dot = 0;
          for (let i = 0; i < m; i++) dot += got.vectors[i * 6 + j]! * got.vectors[i * 6 + p]!;
          expect(dot).toBeCloseTo(p === j ? 1 : 0, 8);
        }
      }
    }
  });
});

describe('leadingEigenvectors', () => {
  it('finds the leading non-trivial eigenpairs of D^-1/2 W D^-1/2 (dense check)', () => {
    const { graph, dense } = randomGraph(80, 60, 4);
    const deg = dense.map((row) => row.reduce((s, x) => s + x, 0));
    const m = dense.map((row, i) => row.map((x, j) => x / Math.sqrt(deg[i]! * deg[j]!)));
    const ref = jacobiEigen(m);
    const got = leadingEigenvectors(graph, 3, new Xoshiro128StarStar(1), { maxSteps: 79, tolerance: 1e-9 })!;
    expect(got.converged).toBe(true);
    for (let j = 0; j < 3; j++) {
      // ref.values[0] = 1 is the trivial sqrt(degree) vector, skipped.
      expect(got.values[j]).toBeCloseTo(ref.values[j + 1]!, 6);
      let dot = 0;
      for (let i = 0; i < 80; i++) dot += got.vectors[i * 3 + j]! * ref.vectors[j + 1]![i]!;
      expect(Math.abs(dot)).toBeCloseTo(1, 4);
    }
  });

  it('returns null for graphs too small for the requested vectors', () => {
    expect(leadingEigenvectors(randomGraph(4, 2, 1).graph, 3, new Xoshiro128StarStar(1))).toBeNull();
  });
});

describe('spectralLayout', () => {
  /** Two dense cliques joined by one weak edge. */
  function twoCliques(size: number, bridge: number): number[][] {
    const n = 2 * size;
    const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j && Math.floor(i / size) === Math.floor(j / size)) d[i]![j] = 1;
    if (bridge > 0) d[0]![size] = d[size]![0] = bridge;
    return d;
  }

  it('separates two weakly joined cliques along the first axis', () => {
    const layout = spectralLayout(toSparse(twoCliques(20, 0.05)), 2, new Xoshiro128StarStar(1), {
      vectors: new Float32Array(0),
      dim: 1,
      metric: 'cosine',
    });
    const side = (i: number) => Math.sign(layout[i * 2]!);
    for (let i = 1; i < 20; i++) expect(side(i)).toBe(side(0));
    for (let i = 21; i < 40; i++) expect(side(i)).toBe(side(20));
    expect(side(0)).not.toBe(side(20));
  });

  it('lays out disconnected components apart: every point nearer its own component centre', () => {
    const graph = toSparse(twoCliques(20, 0));
    const layout = spectralLayout(graph, 2, new Xoshiro128StarStar(1), {
      vectors: new Float32Array(40),
      dim: 1,
      metric: 'euclidean',
    });
    expect(Array.from(layout).every(Number.isFinite)).toBe(true);
    const centre = (from: number) =>
      [0, 1].map(
        (d) => Array.from({ length: 20 }, (_, i) => layout[(from + i) * 2 + d]!).reduce((s, x) => s + x, 0) / 20,
      );
    const centres = [centre(0), centre(20)];
    for (let i = 0; i < 40; i++) {
      const dist = centres.map((c) => Math.hypot(layout[i * 2]! - c[0]!, layout[i * 2 + 1]! - c[1]!));
      const own = i < 20 ? 0 : 1;
      expect(dist[own]).toBeLessThan(dist[1 - own]!);
    }
  });
});

/** Leading eigenpairs of a symmetric tridiagonal matrix: values descending, vectors row-major m x count. */
export interface TridiagonalEigen {
  values: Float64Array;
  vectors: Float64Array;
}

/**
 * The `count` largest eigenpairs of the symmetric tridiagonal matrix with diagonal `diag` (m values) and
 * off-diagonal `off` (m - 1 values): eigenvalues by Sturm-sequence bisection, eigenvectors by inverse iteration
 * (tridiagonal LU with partial pivoting), each orthogonalised against the ones before it so that close
 * eigenvalues still give orthogonal vectors. O(count m) per bisection step and per solve, which keeps the
 * Lanczos convergence checks cheap where a dense solver would cost O(m^3).
 */
export function tridiagonalTopEigen(diag: ArrayLike<number>, off: ArrayLike<number>, count: number): TridiagonalEigen {
  const m = diag.length;
  let lo = Infinity;
  let hi = -Infinity;
  let scale = 0;
  for (let i = 0; i < m; i++) {
    const r = (i > 0 ? Math.abs(off[i - 1]!) : 0) + (i < m - 1 ? Math.abs(off[i]!) : 0);
    lo = Math.min(lo, diag[i]! - r);
    hi = Math.max(hi, diag[i]! + r);
    scale = Math.max(scale, Math.abs(diag[i]!) + r);
  }
  const pivmin = Math.max(scale, 1e-300) * 1e-300;
  const countBelow = (x: number): number => {
    let c = 0;
    let q = diag[0]! - x;
    for (let i = 0; ; i++) {
      if (Math.abs(q) < pivmin) q = -pivmin;
      if (q < 0) c++;
      if (i === m - 1) return c;
      q = diag[i + 1]! - x - (off[i]! * off[i]!) / q;
    }
  };
  const values = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    // The j-th largest eigenvalue is the largest x with fewer than m - j eigenvalues below it.
    let a = lo;
    let b = hi;
    for (let it = 0; it < 200 && b - a > 4 * Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b)); it++) {
      const mid = (a + b) / 2;
      if (countBelow(mid) <= m - 1 - j) a = mid;
      else b = mid;
    }
    values[j] = (a + b) / 2;
  }
  const vectors = new Float64Array(m * count);
  const x = new Float64Array(m);
  const lu = new TridiagonalLu(m);
  for (let j = 0; j < count; j++) {
    // Shift a hair off the eigenvalue so the factorisation is not exactly singular.
    lu.factor(diag, off, values[j]! + Math.max(scale, 1e-300) * 1e-10 * (1 + j / count));
    for (let i = 0; i < m; i++) x[i] = 1 + ((i * 7919) % 13) / 13; // fixed, generic start vector
    for (let it = 0; it < 4; it++) {
      lu.solve(x);
      for (let p = 0; p < j; p++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += x[i]! * vectors[i * count + p]!;
        for (let i = 0; i < m; i++) x[i]! -= d * vectors[i * count + p]!;
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += x[i]! * x[i]!;
      norm = Math.sqrt(norm);
      if (!(norm > 0)) {
        x.fill(0);
        x[j % m] = 1;
        norm = 1;
      }
      for (let i = 0; i < m; i++) x[i]! /= norm;
    }
    for (let i = 0; i < m; i++) vectors[i * count + j] = x[i]!;
  }
  return { values, vectors };
}

/** LU factorisation with partial pivoting of a shifted tridiagonal matrix T - shift I (LAPACK's gttrf layout). */
class TridiagonalLu {
  private readonly dl: Float64Array;
  private readonly d: Float64Array;
  private readonly du: Float64Array;
  private readonly du2: Float64Array;
  private readonly swapped: Uint8Array;

  constructor(private readonly m: number) {
    this.dl = new Float64Array(m);
    this.d = new Float64Array(m);
    this.du = new Float64Array(m);
    this.du2 = new Float64Array(m);
    this.swapped = new Uint8Array(m);
  }

  factor(diag: ArrayLike<number>, off: ArrayLike<number>, shift: number): void {
    const { m, dl, d, du, du2, swapped } = this;
    for (let i = 0; i < m; i++) {
      d[i] = diag[i]! - shift;
      dl[i] = i < m - 1 ? off[i]! : 0;
      du[i] = i < m - 1 ? off[i]! : 0;
      du2[i] = 0;
      swapped[i] = 0;
    }
    for (let i = 0; i < m - 1; i++) {
      if (Math.abs(d[i]!) >= Math.abs(dl[i]!)) {
        const f = d[i] !== 0 ? dl[i]! / d[i]! : 0;
        dl[i] = f;
        d[i + 1]! -= f * du[i]!;
      } else {
        // Row i+1 becomes the pivot row.
        const f = d[i]! / dl[i]!;
        d[i] = dl[i]!;
        dl[i] = f;
        const t = du[i]!;
        du[i] = d[i + 1]!;
        d[i + 1] = t - f * d[i + 1]!;
        if (i < m - 2) {
          du2[i] = du[i + 1]!;
          du[i + 1] = -f * du[i + 1]!;
        }
        swapped[i] = 1;
      }
    }
    const tiny = 1e-300;
    for (let i = 0; i < m; i++) if (Math.abs(d[i]!) < tiny) d[i] = tiny;
  }

  /** Overwrites b with (T - shift I)^-1 b. */
  solve(b: Float64Array): void {
    const { m, dl, d, du, du2, swapped } = this;
    for (let i = 0; i < m - 1; i++) {
      if (swapped[i]) {
        const t = b[i]!;
        b[i] = b[i + 1]!;
        b[i + 1] = t - dl[i]! * b[i + 1]!;
      } else {
        b[i + 1]! -= dl[i]! * b[i]!;
      }
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = b[i]!;
      if (i + 1 < m) s -= du[i]! * b[i + 1]!;
      if (i + 2 < m) s -= du2[i]! * b[i + 2]!;
      b[i] = s / d[i]!;
    }
  }
}

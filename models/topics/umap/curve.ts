/** Parameters of the embedding-space similarity curve 1 / (1 + a d^(2b)). */
export interface CurveParams {
  a: number;
  b: number;
}

/**
 * Fits a and b so that 1 / (1 + a x^(2b)) approximates the target membership curve (1 up to `minDist`, then
 * exp(-(x - minDist) / spread)) in least squares on 300 points of [0, 3 spread], as umap-learn's find_ab_params
 * does (there with scipy's curve_fit; here with Levenberg-Marquardt from a = b = 1).
 *
 * @param spread scale of the embedded points (> 0)
 * @param minDist how tightly points may pack (0 <= minDist <= spread)
 * @example findAbParams(1, 0.1) // ~ { a: 1.577, b: 0.895 }
 */
export function findAbParams(spread: number, minDist: number): CurveParams {
  const count = 300;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const x = (3 * spread * i) / (count - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  const sse = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < count; i++) {
      const r = 1 / (1 + a * Math.pow(xs[i]!, 2 * b)) - ys[i]!;
      s += r * r;
    }
    return s;
  };
  let a = 1;
  let b = 1;
  let cost = sse(a, b);
  let lambda = 1e-3;
  for (let iter = 0; iter < 500; iter++) {
    // Normal equations J^T J and J^T r of the residuals f(x) - y.
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < count; i++) {
      const x = xs[i]!;
      const u = x > 0 ? Math.pow(x, 2 * b) : 0;
      const f = 1 / (1 + a * u);
      const r = f - ys[i]!;
      const da = -u * f * f;
      const db = x > 0 ? -a * u * 2 * Math.log(x) * f * f : 0;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    let improved = false;
    while (lambda < 1e12) {
      const maa = jaa * (1 + lambda);
      const mbb = jbb * (1 + lambda);
      const det = maa * mbb - jab * jab;
      const stepA = det !== 0 ? -(mbb * ga - jab * gb) / det : 0;
      const stepB = det !== 0 ? -(maa * gb - jab * ga) / det : 0;
      const na = a + stepA;
      const nb = b + stepB;
      const nc = na > 0 && nb > 0 ? sse(na, nb) : Infinity;
      if (nc < cost) {
        const done = Math.abs(cost - nc) <= 1e-15 * Math.max(1, cost) && Math.abs(stepA) + Math.abs(stepB) < 1e-12;
        a = na;
        b = nb;
        cost = nc;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = !done;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}

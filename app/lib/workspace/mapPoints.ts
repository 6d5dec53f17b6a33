import type { TopicAnalysis } from '../../../contracts/analysis';

/** The map's points as typed arrays: what the canvas draws every frame without touching the JSON objects. */
export interface MapPoints {
  count: number;
  x: Float32Array;
  y: Float32Array;
  /** Fine topic of each point (-1: noise). */
  topic: Int32Array;
  /** Elapsed seconds of each point's message. */
  elapsed: Float32Array;
  bounds: Bounds;
  /** The box the view fits at first: the bounds without the farthest outliers (see {@link robustBounds}). */
  fitBounds: Bounds;
}

export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The value below which `q` of the values lie (nearest rank); `values` is sorted in place. */
function quantile(values: Float32Array, q: number): number {
  values.sort();
  return values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
}

/**
 * The box holding all but the `share` farthest points on each side of each axis. A 2-D UMAP puts a few points far
 * from the rest; fitting the view to them would shrink every cluster to a speck.
 * @example robustBounds(x, y, 0.005) // the 0.5 % to 99.5 % quantiles of x and of y
 */
export function robustBounds(x: Float32Array, y: Float32Array, share = 0.005): Bounds {
  if (x.length === 0) return { minX: 0, maxX: 1, minY: 0, maxY: 1 };
  const xs = x.slice();
  const ys = y.slice();
  return {
    minX: quantile(xs, share),
    maxX: quantile(xs, 1 - share),
    minY: quantile(ys, share),
    maxY: quantile(ys, 1 - share),
  };
}

/**
 * The analysis' 2-D map as typed arrays, point `i` being `analysis.messages[i]`; null when the analysis has no map (a
 * windowed analysis) or a map that does not line up with its messages.
 * @example const points = mapPoints(analysis); points?.count // analysis.messages.length
 */
export function mapPoints(analysis: TopicAnalysis): MapPoints | null {
  const map = analysis.map;
  const n = analysis.messages.length;
  if (!map || map.x.length !== n || map.y.length !== n) return null;
  const x = Float32Array.from(map.x);
  const y = Float32Array.from(map.y);
  const topic = new Int32Array(n);
  const elapsed = new Float32Array(n);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const m = analysis.messages[i]!;
    topic[i] = m.topic;
    elapsed[i] = m.elapsed;
    const px = x[i]!;
    const py = y[i]!;
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  }
  if (n === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  return { count: n, x, y, topic, elapsed, bounds: { minX, maxX, minY, maxY }, fitBounds: robustBounds(x, y) };
}

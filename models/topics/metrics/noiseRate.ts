/**
 * Fraction of points labelled noise (-1); 0 for no points.
 *
 * @example
 * noiseRate(Int32Array.of(0, -1, 1, -1)); // 0.5
 */
export function noiseRate(labels: ArrayLike<number>): number {
  if (labels.length === 0) return 0;
  let noise = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === -1) noise++;
  return noise / labels.length;
}

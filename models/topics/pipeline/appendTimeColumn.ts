/**
 * The points HDBSCAN clusters: each row of the layout (n x dims, float32) followed, when `unitSeconds` is given,
 * by the message's elapsed time in those units — the reference's 11th column (10-minute units), which lets the
 * same words said an hour apart form two topics.
 *
 * @returns row-major float64 points of `dims + 1` (or `dims`) columns
 * @example appendTimeColumn(layout, 10, elapsed, 600) // 11 columns
 */
export function appendTimeColumn(
  layout: Float32Array,
  dims: number,
  elapsed: ArrayLike<number>,
  unitSeconds: number | null,
): Float64Array {
  const n = layout.length / dims;
  if (elapsed.length !== n) throw new RangeError(`appendTimeColumn: ${elapsed.length} times for ${n} layout rows`);
  const out = unitSeconds === null ? dims : dims + 1;
  const points = new Float64Array(n * out);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) points[i * out + j] = layout[i * dims + j]!;
    if (unitSeconds !== null) points[i * out + dims] = elapsed[i]! / unitSeconds;
  }
  return points;
}

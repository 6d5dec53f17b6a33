/**
 * The warm start of a refit: for each message of the new window, its row of the previous layout, or NaN (a new
 * message, placed by UMAP from its neighbours). Null when fewer than `minKnownShare` of the messages were in the
 * previous fit: a window mostly replaced is better laid out from scratch.
 *
 * @param ids the new window's message ids, in its order
 * @param rowOf previous layout row of each previously fitted message id
 * @param layout the previous layout, row-major with `dims` columns
 */
export function warmStartRows(
  ids: readonly string[],
  rowOf: ReadonlyMap<string, number>,
  layout: Float32Array,
  dims: number,
  minKnownShare = 0.5,
): Float32Array | null {
  const out = new Float32Array(ids.length * dims).fill(Number.NaN);
  let known = 0;
  ids.forEach((id, i) => {
    const row = rowOf.get(id);
    if (row === undefined) return;
    known++;
    out.set(layout.subarray(row * dims, (row + 1) * dims), i * dims);
  });
  return known >= ids.length * minKnownShare ? out : null;
}

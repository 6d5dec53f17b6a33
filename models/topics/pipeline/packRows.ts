/**
 * Rows of equal length packed into one row-major array: the pipeline's input shape (n x dim).
 * @example packRows([Float32Array.of(1, 2), Float32Array.of(3, 4)], 2) // Float32Array [1, 2, 3, 4]
 */
export function packRows(rows: readonly Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => {
    if (row.length !== dim) throw new RangeError(`packRows: row ${i} has ${row.length} values, expected ${dim}`);
    out.set(row, i * dim);
  });
  return out;
}

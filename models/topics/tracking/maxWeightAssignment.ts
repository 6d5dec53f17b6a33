/**
 * One-to-one assignment of rows to columns maximising the total weight (Hungarian algorithm with potentials,
 * O(r² c) for r <= c). Pairs of weight <= 0 count as "not assigned": a row whose best option is such a pair is
 * left unassigned (-1), so the result is a maximum-weight matching of the positive pairs.
 *
 * @param weights row-major `rows x cols` matrix of finite weights.
 * @param rows number of rows.
 * @param cols number of columns.
 * @returns for each row, its column or -1.
 * @example
 * // rows 0 and 1 both prefer column 0; the optimum gives 1 the column 0 (5 + 4 > 6 + 1).
 * maxWeightAssignment(Float64Array.from([6, 4, 5, 1]), 2, 2); // Int32Array [1, 0]
 */
export function maxWeightAssignment(weights: Float64Array, rows: number, cols: number): Int32Array {
  if (weights.length !== rows * cols) {
    throw new RangeError(
      `maxWeightAssignment: weights.length (${weights.length}) must be rows x cols (${rows} x ${cols})`,
    );
  }
  const result = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0) return result;
  // The potential method needs rows <= columns: solve the transpose otherwise.
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  const weight = (i: number, j: number): number => (transpose ? weights[j * cols + i]! : weights[i * cols + j]!);
  let maxWeight = 0;
  for (let k = 0; k < weights.length; k++) maxWeight = Math.max(maxWeight, weights[k]!);
  // Minimising maxWeight - w over assignments of all n rows maximises the total of w; pairs with w <= 0 cost the
  // most and are dropped afterwards.
  const cost = (i: number, j: number): number => maxWeight - Math.max(0, weight(i, j));

  // 1-based arrays: index 0 is the virtual column that starts each augmenting search.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minSlack = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let j0 = 0;
    minSlack.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfColumn[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const slack = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (slack < minSlack[j]!) {
          minSlack[j] = slack;
          way[j] = j0;
        }
        if (minSlack[j]! < delta) {
          delta = minSlack[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfColumn[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minSlack[j]! -= delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfColumn[j0] = rowOfColumn[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  for (let j = 1; j <= m; j++) {
    const i = rowOfColumn[j]!;
    if (i === 0 || weight(i - 1, j - 1) <= 0) continue;
    if (transpose) result[j - 1] = i - 1;
    else result[i - 1] = j - 1;
  }
  return result;
}

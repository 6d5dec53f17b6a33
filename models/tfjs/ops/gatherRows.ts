import * as tf from '@tensorflow/tfjs';

/**
 * `table[ids]` (an embedding lookup) whose gradient scatters `dy` back into the table's rows with `scatterND`,
 * summing repeated ids. tfjs's own `gather` gradient needs `UnsortedSegmentSum`, which the wasm backend lacks.
 *
 * @param table `[rows, width]`
 * @param ids int32 `[n]`, each in `[0, rows)` (not checked here: callers validate ids against the table)
 * @param options `frozenRow`: a row that gets no gradient, as torch's `nn.Embedding(padding_idx=...)` does for
 *   the pad token
 * @returns `[n, width]`
 * @example
 * const rows = gatherRows(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([1, 1, 0], 'int32')); // [[3,4],[3,4],[1,2]]
 */
export function gatherRows(
  table: tf.Tensor2D,
  ids: tf.Tensor1D,
  options: { frozenRow?: number | null } = {},
): tf.Tensor2D {
  const frozenRow = options.frozenRow ?? null;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, i, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([i]);
    return {
      value: tf.gather(t, i),
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [savedIds] = saved as [tf.Tensor1D];
        let g = dy;
        if (frozenRow !== null) g = tf.mul(g, tf.expandDims(tf.cast(tf.notEqual(savedIds, frozenRow), 'float32'), 1));
        const dTable = tf.scatterND(tf.expandDims(savedIds, 1), g, t.shape);
        // ids are integers and never differentiated; customGrad still wants one gradient per input.
        return [dTable, tf.zeros(savedIds.shape)];
      },
    };
  });
  return op(table, ids) as tf.Tensor2D;
}

import { formatShape, type Tensor } from '../checkpoint';

/**
 * How a HF weight is laid out inside the TensorFlow.js model, chosen so the forward and backward passes use
 * plain products and slices:
 * - `linear`: torch `Linear.weight` `[out, in]` is kept as the kernel `[in, out]`;
 * - `depthwise`: `[channels, 1, K]` is kept as `[K, channels]` (one row per tap);
 * - `pointwise`: `[out, in, 1]` is kept as the kernel `[in, out]`;
 * - `columnBias`: `SeparableConv1D.bias` `[out, 1]` is kept as `[out]`;
 * - `same`: embedding tables, grouped kernels `[groups, in/g, out/g]`, LayerNorm parameters and biases.
 */
export type WeightLayout = 'linear' | 'depthwise' | 'pointwise' | 'columnBias' | 'same';

/** The layout of a weight, from its HF name and torch shape. */
export function weightLayout(name: string, hfShape: readonly number[]): WeightLayout {
  if (name.endsWith('key_conv_attn_layer.depthwise.weight')) return 'depthwise';
  if (name.endsWith('key_conv_attn_layer.pointwise.weight')) return 'pointwise';
  if (name.endsWith('key_conv_attn_layer.bias')) return 'columnBias';
  // Embedding tables are `[rows, width]` lookups, not Linear weights; grouped kernels are 3-D.
  if (name.endsWith('.weight') && hfShape.length === 2 && !name.startsWith('embeddings.')) return 'linear';
  return 'same';
}

/** A float32 array with its shape, in the TensorFlow.js model's layout. */
export interface TfLayoutArray {
  shape: number[];
  data: Float32Array;
}

/**
 * Rearranges a HF (torch layout) weight into the TensorFlow.js model's layout; values are copied unchanged.
 *
 * @throws RangeError when the tensor is not float32 or its rank does not fit its layout
 */
export function toTfLayout(tensor: Tensor): TfLayoutArray {
  if (tensor.dtype !== 'float32')
    throw new RangeError(`tensor "${tensor.name}": expected float32, got ${tensor.dtype}`);
  const layout = weightLayout(tensor.name, tensor.shape);
  const shape = tensor.shape;
  const need = (rank: number) => {
    if (shape.length !== rank)
      throw new RangeError(`tensor "${tensor.name}": ${layout} weights have rank ${rank}, got ${formatShape(shape)}`);
  };
  switch (layout) {
    case 'linear':
      need(2);
      return { shape: [shape[1]!, shape[0]!], data: transpose2d(tensor.data, shape[0]!, shape[1]!) };
    case 'depthwise':
      need(3);
      return { shape: [shape[2]!, shape[0]!], data: transpose2d(tensor.data, shape[0]!, shape[2]!) };
    case 'pointwise':
      need(3);
      return { shape: [shape[1]!, shape[0]!], data: transpose2d(tensor.data, shape[0]!, shape[1]!) };
    case 'columnBias':
      need(2);
      return { shape: [shape[0]!], data: tensor.data.slice() };
    case 'same':
      return { shape: [...shape], data: tensor.data.slice() };
  }
}

/**
 * The inverse of {@link toTfLayout}: a TensorFlow.js-layout array back to HF's name and torch shape.
 *
 * @param name the HF name
 * @param hfShape the torch shape the weight must come back as
 */
export function toHfLayout(name: string, hfShape: readonly number[], array: TfLayoutArray): Tensor {
  const layout = weightLayout(name, hfShape);
  const [rows, cols] = array.shape;
  const data =
    layout === 'linear' || layout === 'depthwise' || layout === 'pointwise'
      ? transpose2d(array.data, rows!, cols!)
      : array.data.slice();
  return { name, dtype: 'float32', shape: [...hfShape], data };
}

/** Row-major `[rows, cols]` -> `[cols, rows]`. */
function transpose2d(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[base + c]!;
  }
  return out;
}

/** Element types a loaded tensor can have. Half-precision inputs (F16, BF16) are widened to `float32` on load. */
export type TensorDType = 'float32' | 'int32' | 'int64';

/** The typed array that holds each dtype's elements. */
export interface TensorDataByDType {
  float32: Float32Array;
  int32: Int32Array;
  int64: BigInt64Array;
}

/**
 * A dense, row-major (C-contiguous) tensor: `data.length` is the product of `shape` (1 for a scalar, shape `[]`).
 * `data` is always a fresh array owned by the tensor, never a view into the file's bytes.
 *
 * @example
 * const t: Tensor = { name: 'bias', dtype: 'float32', shape: [2], data: new Float32Array([0.5, -1]) };
 */
export type Tensor = {
  [K in TensorDType]: { name: string; dtype: K; shape: readonly number[]; data: TensorDataByDType[K] };
}[TensorDType];

/** Bytes per element of each dtype. */
export const TENSOR_DTYPE_BYTES: Readonly<Record<TensorDType, number>> = { float32: 4, int32: 4, int64: 8 };

/**
 * Number of elements of a shape, or null when a dimension is not a non-negative safe integer or the product
 * overflows safe integers.
 *
 * @example
 * shapeSize([2, 3]); // 6
 * shapeSize([]); // 1 (scalar)
 */
export function shapeSize(shape: readonly unknown[]): number | null {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) return null;
    n *= d;
    if (!Number.isSafeInteger(n)) return null;
  }
  return n;
}

/** `[2, 3]` -> `"[2, 3]"`, for messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Same shape, dimension by dimension. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

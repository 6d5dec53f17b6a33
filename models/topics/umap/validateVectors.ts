import { UmapParamError } from './errors';

/**
 * Checks a row-major vector array and returns its number of rows.
 * @param what how the error message names the array ("vectors", "newVectors")
 * @throws UmapParamError: INVALID_DIM, INVALID_VECTORS (naming the row and column of a NaN/infinite value)
 */
export function validateVectors(vectors: Float32Array, dim: number, what: string): number {
  if (!Number.isInteger(dim) || dim < 1)
    throw new UmapParamError('INVALID_DIM', `dim must be a positive integer, got ${dim}`);
  if (!(vectors instanceof Float32Array)) throw new UmapParamError('INVALID_VECTORS', `${what} must be a Float32Array`);
  if (vectors.length % dim !== 0)
    throw new UmapParamError('INVALID_VECTORS', `${what}.length (${vectors.length}) is not a multiple of dim (${dim})`);
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i]!))
      throw new UmapParamError(
        'INVALID_VECTORS',
        `${what} row ${Math.floor(i / dim)} has a non-finite value (${vectors[i]}) at column ${i % dim}`,
      );
  }
  return vectors.length / dim;
}

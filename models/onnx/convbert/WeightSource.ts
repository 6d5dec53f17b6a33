import { formatShape, sameShape, type Tensor } from '../../checkpoint';
import { OnnxBuildError } from '../errors';
import type { OnnxGraphBuilder } from '../OnnxGraphBuilder';

/**
 * Hands a model's weights to the graph as initializers, checked against the shapes the builder expects and
 * re-laid out where the graph wants another layout: HF's `nn.Linear` stores `[out, in]`, the graph multiplies
 * `x @ W` and wants `[in, out]`, so dense weights are transposed once here instead of at every run.
 */
export class WeightSource {
  constructor(
    private readonly g: OnnxGraphBuilder,
    private readonly tensors: ReadonlyMap<string, Tensor>,
  ) {}

  /** Whether a weight is present. */
  has(name: string): boolean {
    return this.tensors.get(name) !== undefined;
  }

  /** The float32 values of a weight, after checking its shape. */
  values(name: string, shape: readonly number[]): Float32Array {
    const t = this.tensors.get(name);
    if (t === undefined) throw new OnnxBuildError('missing', { tensor: name });
    if (t.dtype !== 'float32') throw new OnnxBuildError(`is ${t.dtype}, expected float32`, { tensor: name });
    if (!sameShape(t.shape, shape))
      throw new OnnxBuildError(`is ${formatShape(t.shape)}, expected ${formatShape(shape)}`, { tensor: name });
    return t.data;
  }

  /** A weight as an initializer, in its stored layout. */
  asIs(name: string, shape: readonly number[]): string {
    return this.g.weight(name, this.values(name, shape), shape);
  }

  /** An `nn.Linear` weight `[out, in]` as `[in, out]`. */
  dense(name: string, inDim: number, outDim: number): string {
    const w = this.values(name, [outDim, inDim]);
    const out = new Float32Array(inDim * outDim);
    for (let o = 0; o < outDim; o++) for (let i = 0; i < inDim; i++) out[i * outDim + o] = w[o * inDim + i]!;
    return this.g.weight(name, out, [inDim, outDim]);
  }

  /** A weight under another shape with the same layout (`[H, 1, K]` -> `[H, 1, 1, K]`, `[A, 1]` -> `[A]`). */
  reshaped(name: string, stored: readonly number[], shape: readonly number[]): string {
    return this.g.weight(name, this.values(name, stored), shape);
  }

  /**
   * HF's `GroupedLinearLayer` weight `[groups, in/groups, out/groups]` (group g maps input slice g to output
   * slice g) as the equivalent block-diagonal `[in, out]` matrix: one plain MatMul, at `groups` times the grouped
   * work. Simple and exact; the Twitch model has one group, so speed here only matters for other checkpoints.
   */
  groupedDense(name: string, groups: number, inDim: number, outDim: number): string {
    const gi = inDim / groups;
    const go = outDim / groups;
    const w = this.values(name, [groups, gi, go]);
    const out = new Float32Array(inDim * outDim);
    for (let grp = 0; grp < groups; grp++) {
      for (let i = 0; i < gi; i++) {
        for (let o = 0; o < go; o++) out[(grp * gi + i) * outDim + grp * go + o] = w[(grp * gi + i) * go + o]!;
      }
    }
    return this.g.weight(name, out, [inDim, outDim]);
  }
}

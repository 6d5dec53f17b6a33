import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { maxAbsDiff } from '../testing/fixtures';
import { initTfBackend, type TfBackendName } from '../tfBackend';
import { depthwiseConv1d, dynamicConv } from './convolutions';
import { gatherRows } from './gatherRows';
import { groupedLinear, matMulPlain } from './linear';

/** Deterministic pseudo-random values in [-1, 1). */
function values(count: number, seed: number): Float32Array {
  const rng = Lcg32.numericalRecipes(seed);
  return Float32Array.from({ length: count }, () => rng.uniform(-1, 1));
}

/** Runs `fn` on a backend and returns its arrays, then goes back to wasm. */
async function on<T>(backend: TfBackendName, fn: () => T): Promise<T> {
  await initTfBackend({ backend });
  try {
    return fn();
  } finally {
    await initTfBackend();
  }
}

/** `d sum(f(inputs) * weights) / d inputs`, with the value, as plain arrays. */
function gradsOf(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: { data: Float32Array; shape: number[] }[],
  weightsSeed: number,
) {
  return tf.tidy(() => {
    const xs = inputs.map((x) => tf.tensor(x.data, x.shape));
    const value = f(...xs);
    const w = tf.tensor(values(value.size, weightsSeed), value.shape);
    const grads = tf.grads((...ys: tf.Tensor[]) => tf.sum(tf.mul(f(...ys), w)))(xs);
    return { value: value.dataSync().slice(), grads: grads.map((g) => g.dataSync().slice()) };
  });
}

beforeAll(async () => {
  await initTfBackend();
});
afterAll(async () => {
  await initTfBackend();
});

describe('custom-gradient ops on wasm agree with reference gradients', () => {
  it("gatherRows: the scatterND gradient equals tf.gather's own (cpu), repeated ids summed", async () => {
    const table = { data: values(11 * 4, 1), shape: [11, 4] };
    const ids = tf.tensor1d([3, 0, 3, 10, 7, 3], 'int32');
    const ours = gradsOf((t) => gatherRows(t as tf.Tensor2D, ids), [table], 2);
    const reference = await on('cpu', () => gradsOf((t) => tf.gather(t, ids), [table], 2));
    expect(tf.getBackend()).toBe('wasm');
    expect(maxAbsDiff(ours.value, reference.value)).toBe(0);
    expect(maxAbsDiff(ours.grads[0]!, reference.grads[0]!)).toBeLessThan(1e-6);
    // Row 3 appears three times: its gradient is a sum, not the last write.
    expect(Math.abs(ours.grads[0]![3 * 4]!)).toBeGreaterThan(0);
  });

  it('gatherRows: a frozen row (the pad token) gets no gradient, the others are unchanged', () => {
    const table = { data: values(6 * 3, 3), shape: [6, 3] };
    const ids = tf.tensor1d([0, 2, 0, 5], 'int32');
    const free = gradsOf((t) => gatherRows(t as tf.Tensor2D, ids), [table], 4).grads[0]!;
    const frozen = gradsOf((t) => gatherRows(t as tf.Tensor2D, ids, { frozenRow: 0 }), [table], 4).grads[0]!;
    expect(Array.from(frozen.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(free.subarray(0, 3)).some((g) => g !== 0)).toBe(true);
    expect(Array.from(frozen.subarray(3))).toEqual(Array.from(free.subarray(3)));
  });

  it('depthwiseConv1d: value and gradients (input and kernel) equal tf.depthwiseConv2d on cpu', async () => {
    const [B, L, C, K] = [2, 7, 5, 9]; // kernel wider than the sequence: every tap crosses an edge somewhere
    const x = { data: values(B * L * C, 5), shape: [B, L, C] };
    const kernel = { data: values(K * C, 6), shape: [K, C] };
    const ours = gradsOf((a, k) => depthwiseConv1d(a as tf.Tensor3D, k as tf.Tensor2D), [x, kernel], 7);
    const reference = await on('cpu', () =>
      gradsOf(
        (a, k) =>
          tf.reshape(
            tf.depthwiseConv2d(
              tf.reshape(a, [B, 1, L, C]) as tf.Tensor4D,
              tf.reshape(k, [1, K, C, 1]) as tf.Tensor4D,
              1,
              'same',
            ),
            [B, L, C],
          ),
        [x, kernel],
        7,
      ),
    );
    expect(maxAbsDiff(ours.value, reference.value)).toBeLessThan(1e-5);
    expect(maxAbsDiff(ours.grads[0]!, reference.grads[0]!)).toBeLessThan(1e-5);
    expect(maxAbsDiff(ours.grads[1]!, reference.grads[1]!)).toBeLessThan(1e-5);
  });

  it("dynamicConv: value and gradients equal an independent loop over HF's unfold", () => {
    const [B, L, heads, d, K] = [2, 6, 2, 3, 5];
    const c = (K - 1) / 2;
    const v = values(B * L * heads * d, 8);
    const w = values(B * L * heads * K, 9);
    const g = values(B * L * heads * d, 10);
    const at = (b: number, l: number, h: number, j: number) => ((b * L + l) * heads + h) * d + j;
    const atW = (b: number, l: number, h: number, k: number) => ((b * L + l) * heads + h) * K + k;
    const out = new Float32Array(v.length);
    const dV = new Float32Array(v.length);
    const dW = new Float32Array(w.length);
    for (let b = 0; b < B; b++)
      for (let l = 0; l < L; l++)
        for (let h = 0; h < heads; h++)
          for (let k = 0; k < K; k++) {
            const m = l + k - c;
            if (m < 0 || m >= L) continue;
            for (let j = 0; j < d; j++) {
              out[at(b, l, h, j)]! += w[atW(b, l, h, k)]! * v[at(b, m, h, j)]!;
              dW[atW(b, l, h, k)]! += g[at(b, l, h, j)]! * v[at(b, m, h, j)]!;
              dV[at(b, m, h, j)]! += g[at(b, l, h, j)]! * w[atW(b, l, h, k)]!;
            }
          }
    tf.tidy(() => {
      const f = (vv: tf.Tensor, ww: tf.Tensor) => dynamicConv(vv as tf.Tensor3D, ww as tf.Tensor4D);
      const vt = tf.tensor3d(v, [B, L, heads * d]);
      const wt = tf.tensor4d(w, [B, L, heads, K]);
      expect(maxAbsDiff(f(vt, wt).dataSync(), out)).toBeLessThan(1e-5);
      const [gv, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(f(a, b), tf.tensor4d(g, [B, L, heads, d]))),
      )([vt, wt]);
      expect(maxAbsDiff(gv!.dataSync(), dV)).toBeLessThan(1e-5);
      expect(maxAbsDiff(gw!.dataSync(), dW)).toBeLessThan(1e-5);
    });
  });

  it("matMulPlain and groupedLinear: gradients equal tf.matMul's own (cpu), grouped as HF does (reshape, batched product)", async () => {
    const [N, G, gin, gout] = [5, 2, 3, 4];
    const x = { data: values(N * G * gin, 11), shape: [N, G * gin] };
    const kernel = { data: values(G * gin * gout, 12), shape: [G, gin, gout] };
    const bias = { data: values(G * gout, 13), shape: [G * gout] };
    const ours = gradsOf(
      (a, k, b) => groupedLinear(a as tf.Tensor2D, k as tf.Tensor3D, b as tf.Tensor1D),
      [x, kernel, bias],
      14,
    );
    const hfGrouped = (a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
      tf.add(
        tf.reshape(
          tf.transpose(tf.matMul(tf.transpose(tf.reshape(a, [N, G, gin]), [1, 0, 2]), k as tf.Tensor3D), [1, 0, 2]),
          [N, G * gout],
        ),
        b,
      );
    const reference = await on('cpu', () => gradsOf(hfGrouped, [x, kernel, bias], 14));
    expect(maxAbsDiff(ours.value, reference.value)).toBeLessThan(1e-5);
    ours.grads.forEach((grad, i) => expect(maxAbsDiff(grad, reference.grads[i]!), `input ${i}`).toBeLessThan(1e-5));

    const a = { data: values(N * 3, 15), shape: [N, 3] };
    const b = { data: values(3 * 6, 16), shape: [3, 6] };
    const plain = gradsOf((p, q) => matMulPlain(p as tf.Tensor2D, q as tf.Tensor2D), [a, b], 17);
    const tfOwn = await on('cpu', () => gradsOf((p, q) => tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D), [a, b], 17));
    plain.grads.forEach((grad, i) => expect(maxAbsDiff(grad, tfOwn.grads[i]!), `operand ${i}`).toBeLessThan(1e-5));
  });
});

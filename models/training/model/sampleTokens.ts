import type { RandomStream } from '../../random';

/**
 * Draws one id per row from `softmax(logits[row])` by the Gumbel-max trick (argmax of logits plus Gumbel noise),
 * never an excluded id. The generator's samples replace the masked tokens of ELECTRA's discriminator input; no
 * gradient flows through them.
 *
 * @param logits row-major `[rows, vocab]`
 */
export function sampleTokens(
  logits: Float32Array,
  rows: number,
  vocab: number,
  rng: RandomStream,
  excluded: ReadonlySet<number>,
): Int32Array {
  const out = new Int32Array(rows);
  const skip = new Uint8Array(vocab);
  for (const id of excluded) if (id >= 0 && id < vocab) skip[id] = 1;
  for (let r = 0; r < rows; r++) {
    let best = -Infinity;
    let bestId = 0;
    const base = r * vocab;
    for (let i = 0; i < vocab; i++) {
      if (skip[i] === 1) continue;
      const g = -Math.log(-Math.log(rng.next() + 1e-20) + 1e-20);
      const score = logits[base + i]! + g;
      if (score > best) {
        best = score;
        bestId = i;
      }
    }
    out[r] = bestId;
  }
  return out;
}

/**
 * Softmax over one row of logits and its `top` most probable ids (ties: lower id first), leaving out `excluded`
 * ids (their probability still counts in the normalisation, as in HF's fill-mask pipeline).
 *
 * @example topCandidates(Float32Array.of(0, 2, 1), 2, new Set()); // [{ id: 1, score: 0.665 }, { id: 2, score: 0.245 }]
 */
export function topCandidates(
  logits: ArrayLike<number>,
  top: number,
  excluded: ReadonlySet<number>,
): { id: number; score: number }[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const ids: number[] = [];
  for (let i = 0; i < logits.length; i++) if (!excluded.has(i)) ids.push(i);
  ids.sort((a, b) => logits[b]! - logits[a]! || a - b);
  return ids.slice(0, top).map((id) => ({ id, score: Math.exp(logits[id]! - max) / sum }));
}

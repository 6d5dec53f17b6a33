import { padTokenBatch, type TokenBatch } from '../../convbert';
import { MLM_IGNORE_INDEX } from '../../tfjs';
import type { RandomStream } from '../../random';
import { maskTokens, type MaskOptions } from './maskTokens';

/** A right-padded masked batch with the flat positions (`row * length + i`) of its chosen tokens and their original ids. */
export interface MaskedBatch {
  batch: TokenBatch;
  /** Flat indices into `[batchSize * length]` of the chosen tokens. */
  positions: Int32Array;
  /** Original id at each chosen position. */
  labels: Int32Array;
  /** Real (non-pad) tokens in the batch. */
  realTokens: number;
}

/** Masks each row ({@link maskTokens}) and pads the batch. */
export function maskedBatch(rows: readonly Int32Array[], rng: RandomStream, options: MaskOptions, padId: number): MaskedBatch {
  const masked = rows.map((row) => maskTokens(row, rng, options));
  const batch = padTokenBatch(
    masked.map((m) => m.inputIds),
    padId,
  );
  const positions: number[] = [];
  const labels: number[] = [];
  masked.forEach((m, r) => {
    m.labels.forEach((label, i) => {
      if (label === MLM_IGNORE_INDEX) return;
      positions.push(r * batch.length + i);
      labels.push(label);
    });
  });
  let realTokens = 0;
  for (const row of rows) realTokens += row.length;
  return { batch, positions: Int32Array.from(positions), labels: Int32Array.from(labels), realTokens };
}

/** Cuts a list into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

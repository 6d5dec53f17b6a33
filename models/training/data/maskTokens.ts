import { MLM_IGNORE_INDEX } from '../../tfjs';
import type { RandomStream } from '../../random';

export interface MaskOptions {
  /** Share of maskable tokens chosen (BERT: 0.15). */
  rate: number;
  maskId: number;
  vocabSize: number;
  /** Ids never chosen and never drawn as random replacements (padding, `<cls>`, `<sep>`, `<mask>`, `<unk>`). */
  protectedIds: ReadonlySet<number>;
}

/** A masked row: the model's input and, per position, the original id where it was chosen (else -100). */
export interface MaskedRow {
  inputIds: Int32Array;
  labels: Int32Array;
}

/**
 * BERT's masking: each non-protected token is chosen with probability `rate`; a chosen token becomes `<mask>`
 * 80% of the time, a random non-protected id 10%, and stays itself 10%. Rows with no token chosen get one
 * (when they have a maskable token), so every row teaches something. Draws from `rng` only.
 *
 * @example
 * const { inputIds, labels } = maskTokens(row, rng, { rate: 0.15, maskId: 7, vocabSize: 8000, protectedIds });
 */
export function maskTokens(row: Int32Array, rng: RandomStream, options: MaskOptions): MaskedRow {
  const { rate, maskId, vocabSize, protectedIds } = options;
  const inputIds = Int32Array.from(row);
  const labels = new Int32Array(row.length).fill(MLM_IGNORE_INDEX);
  const maskable: number[] = [];
  for (let i = 0; i < row.length; i++) if (!protectedIds.has(row[i]!)) maskable.push(i);
  const chosen = maskable.filter(() => rng.next() < rate);
  if (chosen.length === 0 && maskable.length > 0) chosen.push(maskable[rng.intBelow(maskable.length)]!);
  for (const i of chosen) {
    labels[i] = row[i]!;
    const r = rng.next();
    if (r < 0.8) inputIds[i] = maskId;
    else if (r < 0.9) inputIds[i] = randomOrdinaryId(rng, vocabSize, protectedIds);
  }
  return { inputIds, labels };
}

function randomOrdinaryId(rng: RandomStream, vocabSize: number, protectedIds: ReadonlySet<number>): number {
  // Protected ids are a handful among thousands: rejection ends almost at once.
  for (;;) {
    const id = rng.intBelow(vocabSize);
    if (!protectedIds.has(id)) return id;
  }
}

import { fnv1a32Mixed } from '../../random';

/** One chat message of a training corpus. `text` is already preprocessed (`preprocessChat`: mentions, URLs). */
export interface CorpusMessage {
  text: string;
  /** When it was sent (ms since the epoch): messages of one stream close in time form pretraining windows. */
  timeMs: number;
  /** Which stream (or chat file) it comes from: windows never mix streams. */
  stream: string;
}

/** A corpus cut into the messages trained on and the messages kept out for the stages' held-out metrics. */
export interface CorpusSplit {
  train: CorpusMessage[];
  heldOut: CorpusMessage[];
}

/**
 * Splits messages deterministically: a message is held out when the hash of its stream and its index within that
 * stream falls in the lowest `share` of the hash range. The same corpus always splits the same way, whatever the
 * order of the streams, and a held-out message never reaches training.
 *
 * @param share fraction in [0, 0.5]
 * @example
 * const { train, heldOut } = splitHeldOut(messages, 0.02);
 */
export function splitHeldOut(messages: readonly CorpusMessage[], share: number): CorpusSplit {
  const train: CorpusMessage[] = [];
  const heldOut: CorpusMessage[] = [];
  const indexInStream = new Map<string, number>();
  const threshold = share * 4294967296;
  for (const m of messages) {
    const i = indexInStream.get(m.stream) ?? 0;
    indexInStream.set(m.stream, i + 1);
    (fnv1a32Mixed(`${m.stream}#${i}`) < threshold ? heldOut : train).push(m);
  }
  return { train, heldOut };
}

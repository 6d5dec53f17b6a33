import type { UnigramTokenizer } from '../../tokenizer';
import type { CorpusMessage } from './CorpusMessage';

/** A message as token ids without special tokens, with where and when it was said. */
export interface EncodedMessage {
  ids: Int32Array;
  timeMs: number;
  stream: string;
}

/**
 * Tokenizes messages (no `<cls>`/`<sep>`: the sequence builders add them). Messages with no token at all are
 * dropped.
 */
export function encodeMessages(tokenizer: UnigramTokenizer, messages: readonly CorpusMessage[]): EncodedMessage[] {
  const out: EncodedMessage[] = [];
  for (const m of messages) {
    const ids = tokenizer.encode(m.text, { addSpecialTokens: false }).ids;
    if (ids.length > 0) out.push({ ids: Int32Array.from(ids), timeMs: m.timeMs, stream: m.stream });
  }
  return out;
}

/**
 * One row per message, `<cls> msg <sep>`, truncated to `maxTokens` (SimCSE's input, and the held-out rows of
 * the metrics).
 */
export function singleMessageSequences(messages: readonly EncodedMessage[], cls: number, sep: number, maxTokens: number): Int32Array[] {
  return messages.map((m) => {
    const body = m.ids.subarray(0, Math.max(0, maxTokens - 2));
    const row = new Int32Array(body.length + 2);
    row[0] = cls;
    row.set(body, 1);
    row[row.length - 1] = sep;
    return row;
  });
}

import type { TopicTerm } from '../../../contracts/analysis';

/**
 * A label for a topic whose messages leave no c-TF-IDF term: chat often clusters on pure filler ("mdr", "ptdr",
 * "ahah") or on numbers, which the term tokenizer drops on purpose. Rather than an empty label, the topic is named
 * by its most common message (lowercased, spaces folded, cut to 40 characters), scored by its share of the topic.
 *
 * @param texts every message's text
 * @param members indices of the topic's messages
 */
export function fallbackTerms(texts: readonly string[], members: readonly number[]): TopicTerm[] {
  const counts = new Map<string, number>();
  for (const i of members) {
    const key = texts[i]!.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 40);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const entry of counts)
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best ? [{ term: best[0], score: best[1] / members.length }] : [];
}

import { fnv1a32 } from '../random';

/** Number of hashed feature buckets (2^20): collisions stay rare for chat-sized vocabularies. */
export const FEATURE_BUCKETS = 1 << 20;
const BUCKET_MASK = FEATURE_BUCKETS - 1;

const MENTION = /@\w+/gu;
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const COMBINING = /\p{M}+/gu;
/** Letters repeated 3+ times ("ouiiiii", "mdrrrr") count as two: the stretch is emphasis, not a new word. */
const STRETCH = /(\p{L})\1{2,}/gu;

/**
 * Words of a chat message for the baseline: mentions and URLs replaced by placeholders, NFKC, lowercase, accents
 * folded, letter stretches shortened, split on anything that is not a letter, digit, `+`, `<` or `3` sequence.
 * Emotes are words like any other ("KEKW" -> "kekw").
 * @example chatWords("Ouiiiii @bob c'est énorme KEKW") // ["ouii", "<mention>", "c", "est", "enorme", "kekw"]
 */
export function chatWords(text: string): string[] {
  const cleaned = text
    .replace(URL, ' <url> ')
    .replace(MENTION, ' <mention> ')
    .normalize('NFKD')
    .replace(COMBINING, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(STRETCH, '$1$1');
  return cleaned.match(/<(?:url|mention)>|<3|\+\d+|[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu) ?? [];
}

/**
 * Hashed features of a message with their counts: each word, and the character 3- to 5-grams of each word padded
 * with `<` `>` (they carry typos and inflections: "bjr"/"bonjour" share nothing, "bonjoru"/"bonjour" share most).
 */
export function hashedFeatures(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const bucket = fnv1a32(feature) & BUCKET_MASK;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  };
  for (const word of chatWords(text)) {
    add('w:' + word);
    const padded = `<${word}>`;
    const chars = [...padded];
    if (chars.length <= 4) continue; // the word feature already says everything about a 1-2 letter word
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= chars.length; i++) add('c:' + chars.slice(i, i + n).join(''));
    }
  }
  return counts;
}

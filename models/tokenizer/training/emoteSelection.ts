/** A camelCase word, the shape of channel emotes (`massietBonjour`, `KappaPride`, `PogChamp`). */
const CAMEL_CASE_EMOTE = /^[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*$/;
/** An all-caps word of 3 or more characters (`LUL`, `KEKW`, `OMEGALUL`). */
const ALL_CAPS_EMOTE = /^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*$/;

export interface EmoteSelectionOptions {
  /** Names to keep when frequent enough, in this order, before the discovered ones. */
  candidates: readonly string[];
  /** Also keep frequent words shaped like emotes. */
  discover: boolean;
  /** Whole-word occurrences needed. */
  minCount: number;
  /** At most this many emotes. */
  max: number;
  /** Tokens that are never emotes (the special tokens). */
  exclude: ReadonlySet<string>;
}

export interface SelectedEmote {
  content: string;
  /** Whole-word occurrences in the corpus. */
  count: number;
}

/** Whitespace-separated words of a corpus, the input of {@link selectEmotes}. */
export interface WholeWordCounts {
  /** Occurrences of each word. */
  counts: Map<string, number>;
  /**
   * Occurrences of each all-caps word in messages that are not shouted (fewer than two other distinct all-caps
   * words beside it): `KEKW` next to lower-case text counts, `BESOIN` in `ON A BESOIN DE VOUS` does not.
   */
  calmCounts: Map<string, number>;
}

const CAPS_WORD = /^[A-Z][A-Z0-9]+$/;

/** Counts the whitespace-separated words of the messages (see {@link WholeWordCounts}). */
export function countWholeWords(messages: readonly string[]): WholeWordCounts {
  const counts = new Map<string, number>();
  const calmCounts = new Map<string, number>();
  const caps = new Set<string>();
  for (const message of messages) {
    caps.clear();
    for (const word of message.split(/\s+/u)) {
      if (word.length === 0) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
      if (CAPS_WORD.test(word)) caps.add(word);
    }
    if (caps.size === 0) continue;
    for (const word of message.split(/\s+/u)) {
      if (caps.has(word) && caps.size - 1 < 2) calmCounts.set(word, (calmCounts.get(word) ?? 0) + 1);
    }
  }
  return { counts, calmCounts };
}

/**
 * Whether a word looks like an emote: camelCase, or all caps, seen at least `minCount` times outside shouted
 * messages, and not a word merely shouted (`MDR` is kept out when `mdr` or `Mdr` is at least as frequent, `KEKW`
 * stays).
 */
export function hasEmoteShape(word: string, words: WholeWordCounts, minCount: number): boolean {
  if (word.length > 64) return false;
  if (CAMEL_CASE_EMOTE.test(word)) return true;
  if (!ALL_CAPS_EMOTE.test(word) || word.length < 3) return false;
  if ((words.calmCounts.get(word) ?? 0) < minCount) return false;
  const lower = word.toLowerCase();
  const capitalized = word[0]! + lower.slice(1);
  const quieter = (words.counts.get(lower) ?? 0) + (words.counts.get(capitalized) ?? 0);
  return quieter < (words.counts.get(word) ?? 0);
}

/**
 * The emotes to keep as whole tokens: the candidates seen at least `minCount` times as whole words (in their given
 * order), then the frequent emote-shaped words (most frequent first, ties by code-unit order), at most `max` in all.
 *
 * @example
 * const words = countWholeWords(['KEKW trop fort', 'KEKW', 'massietBonjour KEKW']);
 * selectEmotes(words, { candidates: ['Kappa'], discover: true, minCount: 2, max: 10, exclude: new Set() });
 * // [{ content: 'KEKW', count: 3 }] (massietBonjour is seen once only)
 */
export function selectEmotes(words: WholeWordCounts, options: EmoteSelectionOptions): SelectedEmote[] {
  const { counts } = words;
  const chosen = new Map<string, number>();
  const usable = (word: string) =>
    !options.exclude.has(word) && !chosen.has(word) && !/\s/u.test(word) && word.length > 0;
  for (const name of options.candidates) {
    const count = counts.get(name) ?? 0;
    if (count >= options.minCount && usable(name)) chosen.set(name, count);
  }
  if (options.discover) {
    const found: SelectedEmote[] = [];
    for (const [word, count] of counts) {
      if (count >= options.minCount && usable(word) && hasEmoteShape(word, words, options.minCount))
        found.push({ content: word, count });
    }
    found.sort((a, b) => b.count - a.count || (a.content < b.content ? -1 : a.content > b.content ? 1 : 0));
    for (const e of found) chosen.set(e.content, e.count);
  }
  return [...chosen].slice(0, options.max).map(([content, count]) => ({ content, count }));
}

import { collapseStretches, foldWord } from '../labels/foldWord';
import { LAUGHTER } from '../labels/laughter';

/** Letters or digits: a token without any ("???", "!!", "...", "<3") carries no words. */
/**
 * Laughter the labels' pattern leaves to emotes: the Twitch and extension emotes chat types as words (a chat file
 * without emote tags has them as text: "LUL", "KEKW", "OMEGALUL") and mashed laughs ("hahahahhaha", "aahaha").
 */
const LAUGHING_WORDS = /^(?:lulw?|ke+kw|kekl|omegalul|jpp+|[ah]*h[ah]*h[ah]*)$/;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Whether a message is a pure reaction: every token is an emote, laughter, one character, or punctuation ("MDR",
 * "KEKW KEKW", "ptdrrr", "???", "xD LUL"). Such a message shares no word with what it reacts to, so the moment
 * stage compares it with other messages by time alone (see `findMoments`).
 *
 * @param text the message
 * @param emoteNames emote names of this set of messages (a name also counts where one message wrote it as text)
 * @example isReaction('MDRRR KEKW', new Set(['KEKW'])) // true; isReaction('mdr le vote', new Set()) // false
 */
export function isReaction(text: string, emoteNames: ReadonlySet<string>): boolean {
  let tokens = 0;
  for (const [token] of text.matchAll(/\S+/g)) {
    tokens++;
    if (emoteNames.has(token)) continue;
    if (!HAS_WORD.test(token) || [...token].length <= 1) continue;
    const word = collapseStretches(foldWord(token.replace(/[^\p{L}\p{N}]+/gu, '')));
    if (word.length <= 1 || LAUGHTER.test(word) || LAUGHING_WORDS.test(word)) continue;
    return false;
  }
  return tokens > 0;
}

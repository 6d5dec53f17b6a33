import { foldWord } from './topicKinds';

/**
 * Questions in French chat: what a streamer wants to catch in a fast chat. Pure text rules (no model): a message is
 * a question when it ends with "?" and says something (two words or more that are not laughter or filler), or when
 * it opens with an unambiguous interrogative form (est-ce que, pourquoi, combien, c'est quoi, tu peux…), or when it
 * mentions the channel (`@channel`) and asks with "?" or an interrogative word anywhere.
 */

/** Openings that ask by themselves, "?" or not (folded: lowercase, no accents, apostrophes as spaces). */
const ASKING_OPENINGS = [
  'est ce que',
  'est ce qu',
  'pourquoi',
  'combien',
  'c est quoi',
  'c quoi',
  'c est qui',
  'c est quand',
  'c est ou',
  'qu est ce',
  'tu peux',
  'tu pourrais',
  'vous pouvez',
  'vous pourriez',
  'peux tu',
  'pourrais tu',
  'pouvez vous',
  'as tu',
  'avez vous',
  'tu penses',
  'vous pensez',
  'tu comptes',
  'vous comptez',
  'tu connais',
  'vous connaissez',
  'comment tu',
  'comment vous',
  'comment on',
  'quand tu',
  'quand vous',
  'quand est ce',
  'tu joues a quoi',
  'ca te dit',
];

/** Words that ask, wherever they stand (with a mention of the channel). */
const ASKING_WORDS = new Set(['pourquoi', 'comment', 'quand', 'combien', 'quoi', 'quel', 'quelle', 'quels', 'ou']);

/** Words that do not make a question: laughter, interjections, one-word reactions ("mdr ?", "hein ?", "ah bon ?"). */
const FILLER = new Set([
  'mdr',
  'ptdr',
  'lol',
  'xd',
  'jpp',
  'hein',
  'quoi',
  'ah',
  'bon',
  'oh',
  'euh',
  'heu',
  'hm',
  'hmm',
  'bah',
  'ben',
  'wtf',
  'ok',
  'okay',
  'oui',
  'non',
  'serieux',
  'vraiment',
  'genre',
  'what',
  'huh',
]);

const LAUGHTER = /^(m+d+r+|p+t+d+r+|l+o+l+|x+d+|(ha)+h?|(he)+h?|j+p+p+|lmf?ao+)$/;

/** An emote as chat types it: a capital after a small letter (`catJAM`, `peepoHey`) or a shout of 3+ capitals. */
const EMOTE = /^(?:[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|[A-Z0-9]{3,})$/;

/** Folded words of a message: lowercase, accents off, apostrophes and hyphens split, mentions and links dropped. */
export function questionWords(text: string): string[] {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldWord);
}

/** The text without what chat adds after the words: spaces, emotes, emoji, laughter ("tu joues à quoi ? KEKW"). */
function trimTail(text: string): string {
  const tokens = text.trim().split(/\s+/);
  while (tokens.length > 0) {
    const last = tokens[tokens.length - 1]!;
    const bare = last.replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, '');
    if (bare === '' || EMOTE.test(bare) || LAUGHTER.test(foldWord(bare))) tokens.pop();
    else break;
  }
  return tokens.join(' ');
}

/** Words that carry meaning: two letters or more, not laughter or filler. */
function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => w.length >= 2 && !FILLER.has(w) && !LAUGHTER.test(w));
}

/**
 * True when a chat message asks something: see the module comment for the rules.
 *
 * @param text the message as chat wrote it.
 * @param channel the channel's login: `@channel` addresses the streamer.
 * @example isQuestion('tu joues à quoi après ?', 'zerator') // true
 * @example isQuestion('pourquoi il a pas pris la potion', 'zerator') // true
 * @example isQuestion('mdr ?', 'zerator') // false
 * @example isQuestion('???', 'zerator') // false
 */
export function isQuestion(text: string, channel: string): boolean {
  const words = questionWords(text);
  const content = contentWords(words);
  if (content.length === 0) return false;
  const folded = ` ${words.join(' ')} `;
  const opens = ASKING_OPENINGS.some((o) => folded.startsWith(` ${o} `));
  if (opens && words.length >= 2) return true;
  const asks = trimTail(text).endsWith('?');
  if (asks && content.length >= 2) return true;
  const name = channel.toLowerCase().split(':').pop() ?? '';
  const mentions = name !== '' && new RegExp(`(^|[^\\w])@${escapeRegExp(name)}\\b`, 'i').test(text);
  return mentions && (text.includes('?') || words.some((w) => ASKING_WORDS.has(w))) && content.length >= 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words too common in questions to tell two apart (folded). */
const QUESTION_STOP_WORDS = new Set([
  ...ASKING_WORDS,
  ...FILLER,
  'est',
  'ce',
  'que',
  'qu',
  'qui',
  'tu',
  'te',
  'toi',
  'vous',
  'on',
  'il',
  'elle',
  'ils',
  'je',
  'j',
  'me',
  'moi',
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'des',
  'de',
  'du',
  'd',
  'a',
  'as',
  'au',
  'aux',
  't',
  'c',
  'n',
  's',
  'y',
  'en',
  'et',
  'mais',
  'pour',
  'par',
  'sur',
  'avec',
  'dans',
  'ca',
  'cette',
  'ces',
  'ton',
  'ta',
  'tes',
  'votre',
  'vos',
  'mon',
  'ma',
  'mes',
  'son',
  'sa',
  'ses',
  'peux',
  'peut',
  'pouvez',
  'fais',
  'fait',
  'faites',
  'va',
  'vas',
  'allez',
  'ai',
  'avez',
  'avait',
  'etait',
  'sont',
  'es',
  'pas',
  'ne',
  'plus',
  'chat',
  'stp',
  'svp',
  'frere',
  'frr',
  'chef',
  'bg',
]);

/**
 * The salient words of a question, to tell when chat asks the same thing: folded, without question and chat filler
 * words, a final plural "s"/"x" dropped ("jeux" -> "jeu") and the channel's name left out.
 *
 * @example salientWords('Tu joues à quel JEU après ?', 'zerator') // ['joue', 'jeu', 'apre'] (a final s/x is dropped)
 */
export function salientWords(text: string, channel = ''): string[] {
  const name = channel.toLowerCase().split(':').pop() ?? '';
  const out = new Set<string>();
  for (const word of questionWords(text)) {
    if (word.length < 2 || QUESTION_STOP_WORDS.has(word) || word === name || LAUGHTER.test(word)) continue;
    out.add(word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word);
  }
  return [...out];
}

import { BUILT_IN_EMOTES, collapseStretches, foldWord, looksLikeEmote } from '../labels';

/**
 * Shapes of single chat messages that the message-type rules count (French chat first, the common English forms
 * too). Each predicate reads one message; `topicFeatures` turns them into shares over a topic.
 */

/** Hellos and goodbyes as chat types them: "salut", "slt", "cc", "re" (back again), "bonne nuit"... */
const GREETING_WORDS = new Set([
  'salut',
  'slt',
  'bonjour',
  'bjr',
  'bonsoir',
  'bsr',
  'coucou',
  'cc',
  'kikou',
  'yo',
  'wesh',
  'wsh',
  're',
  'hello',
  'hey',
  'hi',
  'hola',
  'plop',
  'bye',
  'ciao',
  'tchao',
  'a+',
  'bn',
]);
/** Two-word greetings and farewells, matched at the start of the folded message. */
const GREETING_PHRASES = ['bonne nuit', 'bonne soiree', 'bon stream', 'a plus', 'a demain', 'good night'];

/** Whole-message vote shapes: "+1", "1", "2!", "-1", "a", "F", "oui", "non"; "1 1 1" counts too. */
const VOTE = /^(?:[+-]?\d{1,2}|[a-z]|oui|non|ouai|ouais|nan|yes|no|pour|contre)(?:\s+(?:[+-]?\d{1,2}|[a-z]))*$/;

/**
 * Donations, subscriptions and follows: chat thanking or hyping them ("merci pour le sub", "100 bits", "5€").
 * Bot notices themselves never get here (the analysis leaves bot messages out).
 */
const NOTICE =
  /(?:^|[^\p{L}])(?:cheer\d+|bits?|subs?|resub|subgift|gift(?:ed)?|giftsub|prime|abonn\p{L}*|follows?|dono|donations?|raid)(?:$|[^\p{L}])|\d+\s?(?:€|\$|euros?)(?:$|[^\p{L}])/u;

const EMOJI_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}]+$/u;
const SMILEY = /^(?::\)|:\(|:d|xd|:p|;\)|:o|<3|o\/|\\o|\^\^|:'\))$/i;
const KNOWN_EMOTES = new Set(BUILT_IN_EMOTES);

/** Lowercase, accents off, letter stretches shortened: "Saluuuut À TOUS" -> "salut a tous". */
export function foldMessage(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => collapseStretches(foldWord(w)))
    .join(' ');
}

/**
 * Whether a token is an emote: one the source named for this message, a known global one, a channel emote by its
 * shape ("catJAM"), an emoji or a typed smiley (":)", "<3", "xD").
 */
export function isEmoteToken(token: string, named: ReadonlySet<string>): boolean {
  return (
    named.has(token) || KNOWN_EMOTES.has(token) || looksLikeEmote(token) || EMOJI_ONLY.test(token) || SMILEY.test(token)
  );
}

/** Whether a folded message opens with a greeting or farewell ("salut tout le monde", "re", "bonne nuit chat"). */
export function isGreeting(folded: string): boolean {
  const words = folded
    .replace(/[!?.,;:]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  if (words.slice(0, 2).some((w) => GREETING_WORDS.has(w))) return true;
  const bare = words.join(' ');
  return GREETING_PHRASES.some((p) => bare.startsWith(p));
}

/** Whether a folded message is nothing but a vote ("+1", "2 !", "b", "F", "oui"). */
export function isVote(folded: string): boolean {
  return VOTE.test(folded.replace(/[!.?]+$/g, '').trim());
}

/** Whether a folded message talks about a donation, a subscription or a follow. */
export function isNotice(folded: string): boolean {
  return NOTICE.test(folded);
}

/** Whether a message addresses someone ("@pseudo ..."). */
export function hasMention(text: string): boolean {
  return /(?:^|\s)@[\p{L}\p{N}_]+/u.test(text);
}

/** Question words that open a question typed without its "?" ("pourquoi il a fait ça"). */
const QUESTION_OPENERS =
  /^(?:pourquoi|comment|combien|quand|est ce|est-ce|c'est quoi|c quoi|quel|quelle|quels|quelles|why|how|what)(?:\s|$)/;

/** Whether a folded message opens with a question word. */
export function opensAQuestion(folded: string): boolean {
  return QUESTION_OPENERS.test(folded);
}

/** Whether a message ends in `mark` once trailing emotes are set aside ("c quoi ça ? KEKW" ends in "?"). */
export function endsWith(tokens: readonly string[], emotes: readonly boolean[], mark: '?' | '!'): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (emotes[i]) continue;
    return tokens[i]!.endsWith(mark);
  }
  return false;
}

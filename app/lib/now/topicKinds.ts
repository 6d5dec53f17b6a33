import type { TopicTerm } from '../../../contracts/analysis';
import { foldText } from '../foldText';

/**
 * What a topic is about, from its label terms alone: a greeting, an emote or laughter wave, or a subject. The Now
 * panel merges greetings into one group and shows emote waves as compact chips, so that the subjects chat talks
 * about are not pushed down by ten ways of saying hello.
 */
export type TopicKind = 'greeting' | 'emote' | 'subject';

/** Words that greet on their own, folded (lowercase, no accents, letters not repeated): one per line of chat's habits. */
const GREETING_HEADS = new Set([
  'salut',
  'slt',
  'bonjour',
  'bjr',
  'bonsoir',
  'bsr',
  'coucou',
  'cc',
  'yo',
  'hello',
  'helo',
  'hey',
  'hi',
  'wesh',
  'wsh',
  're',
  'rebonjour',
  'resalut',
  'kikou',
  'plop',
  'hola',
  'ciao',
]);

/** Every word a greeting label may hold: the heads, and what goes with one ("chat", "tout le monde", "cv"). */
const GREETING_WORDS = new Set([
  ...GREETING_HEADS,
  'bonjoir',
  'sa',
  'ca',
  'va',
  'cv',
  'chat',
  'tout',
  'monde',
  'les',
  'gens',
  'amis',
  'famille',
  'everyone',
  'all',
  'guys',
  'tlm',
  'loulou',
  'loulous',
  'mes',
  'vous',
  'toi',
]);

/** Twitch and 7TV greeting emotes, folded: peepoHey, VoHiYo, HeyGuys, … */
const GREETING_EMOTE =
  /^(peepohey|peepohi|vohiyo|heyguys|hiyo|wave|peepowave|catwave|hewwo|peeposalute|o7|hii+|heyy+)$/;

/** Laughter as chat writes it (folded): mdr, ptdr, lol, xd, haha, jpp, lmao, kekw-like words without the emote. */
const LAUGHTER = /^(m+d+r+|p+t+d+r+|l+o+l+|x+d+|(ha){2,}h?|(he){2,}h?|(hi){2,}h?|j+p+p+|lmf?ao+|rofl|xptdr|kek)$/;

/** Lowercase, accents off, a letter repeated three times or more written once ("saluuut" -> "salut"). */
export function foldWord(word: string): string {
  return foldText(word).replace(/(\p{L})\1{2,}/gu, '$1');
}

/**
 * An emote as the label tokenizer keeps it: the tokenizer lowercases every word except emotes (kept with their case:
 * `KEKW`, `catJAM`, `peepoHey`), so a term with a capital letter is an emote; pictographs count too.
 */
export function isEmoteTerm(term: string): boolean {
  return term !== term.toLowerCase() || /^\p{Extended_Pictographic}+$/u.test(term);
}

function isGreetingWord(word: string): boolean {
  const folded = foldWord(word);
  return GREETING_WORDS.has(folded) || GREETING_EMOTE.test(folded);
}

function isGreetingHead(word: string): boolean {
  const folded = foldWord(word);
  return GREETING_HEADS.has(folded) || GREETING_EMOTE.test(folded);
}

/** A label term (one or two words) made of greeting words only ("bonjour chat", "les amis"). */
function isGreetingTerm(term: string): boolean {
  const words = term.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every(isGreetingWord);
}

/** A term that greets by itself ("salut", "bonjour chat", "peepoHey"), not only a companion word ("les amis"). */
function greets(term: string): boolean {
  return isGreetingTerm(term) && term.split(/\s+/).some(isGreetingHead);
}

function isWaveTerm(term: string): boolean {
  const words = term.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => isEmoteTerm(w) || LAUGHTER.test(foldWord(w)));
}

/** How many of the first terms decide (a label's first terms carry most of its weight). */
const DECIDING_TERMS = 3;

/**
 * The kind of a topic from its label: a greeting when one of its first three terms greets and greeting words carry
 * at least half of their score ("amis · bonjour chat · coucou"); an emote wave when those terms are all emotes or
 * laughter; else a subject.
 *
 * @param terms the label terms, best first (`TopicCard.terms`).
 * @example topicKind([{ term: 'salut', score: 0.4 }, { term: 'chat', score: 0.1 }]) // 'greeting'
 * @example topicKind([{ term: 'KEKW', score: 0.5 }, { term: 'mdr', score: 0.2 }]) // 'emote'
 * @example topicKind([{ term: 'manette', score: 0.5 }, { term: 'cassée', score: 0.3 }]) // 'subject'
 */
export function topicKind(terms: readonly TopicTerm[]): TopicKind {
  const first = terms.slice(0, DECIDING_TERMS);
  if (first.length === 0) return 'subject';
  const total = first.reduce((s, t) => s + Math.max(0, t.score), 0);
  const greeting = first.filter((t) => isGreetingTerm(t.term)).reduce((s, t) => s + Math.max(0, t.score), 0);
  if (first.some((t) => greets(t.term)) && greeting >= 0.5 * total) return 'greeting';
  if (first.every((t) => isWaveTerm(t.term))) return 'emote';
  return 'subject';
}

/**
 * A label a person reads: the first terms as chat wrote them, without scores, joined by " · "; a two-word term
 * that repeats a one-word term already shown is skipped ("manette", "manette cassée" -> "manette cassée").
 *
 * @param terms the label terms, best first.
 * @param max how many terms at most (default 3).
 * @example readableLabel([{ term: 'manette', score: 1 }, { term: 'manette cassée', score: 0.8 }, { term: 'sav', score: 0.5 }]) // 'manette cassée · sav'
 */
export function readableLabel(terms: readonly TopicTerm[], max = 3): string {
  const shown: string[] = [];
  for (const { term } of terms) {
    if (shown.length >= max) break;
    const words = term.split(/\s+/);
    if (shown.some((s) => s === term || (s.includes(' ') && s.split(/\s+/).includes(term)))) continue;
    // A longer term that contains shown single words replaces them.
    const replaced = shown.findIndex((s) => !s.includes(' ') && words.includes(s));
    if (replaced >= 0) {
      shown[replaced] = term;
      for (let i = shown.length - 1; i > replaced; i--)
        if (!shown[i]!.includes(' ') && words.includes(shown[i]!)) shown.splice(i, 1);
    } else shown.push(term);
  }
  return shown.join(' · ');
}

import type { EmoteRange } from '../../contracts/chat';
import { TokenKind, type TokenBuffer } from './grammar';
import type { RandomStream } from '../../models/random';

/**
 * How one viewer types: accents dropped or kept, typos, SMS abbreviations, stretched letters ("ouiiii"), caps,
 * and French spacing before `?` and `!`. Applied to the words of a message, never to emotes, commands or mentions.
 */
export interface WritingStyle {
  /** Probability of keeping the accents of an accented word. */
  accents: number;
  /** Per-word probability of a typo. */
  typo: number;
  /** Probability of using an SMS abbreviation when the word has one. */
  abbrev: number;
  /** Per-message probability of stretching a short word ("nooon"). */
  stretch: number;
  /** Probability of capitalising the first word. */
  capitalize: number;
  /** Probability of a space before `?` and `!` (French typography). */
  spaceBeforePunct: number;
  /** Probability of dropping the final `?` or `!`. */
  dropPunct: number;
  /** Multiplier of the topic's caps probability (shouty viewers). */
  shout: number;
}

/** Draws the writing style of a new viewer. */
export function randomStyle(rng: RandomStream): WritingStyle {
  const accentHabit = rng.next();
  return {
    accents: accentHabit < 0.35 ? 0.95 : accentHabit < 0.7 ? 0.5 : 0.05,
    typo: rng.chance(0.3) ? rng.uniform(0.03, 0.08) : rng.uniform(0, 0.02),
    abbrev: rng.chance(0.5) ? rng.uniform(0.4, 0.9) : rng.uniform(0, 0.15),
    stretch: rng.uniform(0, 0.25),
    capitalize: rng.chance(0.25) ? 0.85 : 0.05,
    spaceBeforePunct: rng.chance(0.4) ? 0.9 : 0.1,
    dropPunct: rng.chance(0.5) ? 0.7 : 0.15,
    shout: rng.chance(0.15) ? 2.5 : rng.uniform(0.5, 1.2),
  };
}

/** SMS abbreviations of common words. */
const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['pourquoi', ['pk', 'pq']],
  ['quelque', ['qlq']],
  ["quelqu'un", ['qlqn', 'qqn']],
  ['beaucoup', ['bcp']],
  ['toujours', ['tjrs', 'tjr']],
  ['vraiment', ['vrmt', 'vrm']],
  ["c'est", ['c', 'cé', 'cest']],
  ['bonjour', ['bjr']],
  ['salut', ['slt']],
  ['merci', ['mrc', 'mci']],
  ['quoi', ['koi']],
  ['demain', ['dem1', 'dmn']],
  ["aujourd'hui", ['ajd', 'auj']],
  ['rien', ['r1', 'ri1']],
  ['dans', ['ds']],
  ['tout', ['tt']],
  ['temps', ['tps']],
  ['avec', ['avc']],
  ['pour', ['pr']],
  ['comme', ['cm']],
  ["d'accord", ['dac', 'dacc']],
  ['ouais', ['wé', 'ouai']],
  ['oui', ['wi', 'ui']],
  ['sérieux', ['srx', 'serieux']],
  ['bisous', ['biz', 'bsx']],
  ['jamais', ['jms']],
  ["j'ai", ['jai', 'g']],
  ["t'es", ['t', 'tes']],
  ['tranquille', ['oklm', 'tranquillou']],
  ['message', ['msg']],
  ['trop', ['tro']],
]);

const ACCENTS: Readonly<Record<string, string>> = {
  à: 'a',
  â: 'a',
  ä: 'a',
  é: 'e',
  è: 'e',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  ô: 'o',
  ö: 'o',
  ù: 'u',
  û: 'u',
  ü: 'u',
  ç: 'c',
  œ: 'oe',
  À: 'A',
  Â: 'A',
  É: 'E',
  È: 'E',
  Ê: 'E',
  Î: 'I',
  Ô: 'O',
  Ù: 'U',
  Û: 'U',
  Ç: 'C',
};
const ACCENTED = /[àâäéèêëîïôöùûüçœÀÂÉÈÊÎÔÙÛÇ]/g;
const ACCENTED_TEST = /[àâäéèêëîïôöùûüçœÀÂÉÈÊÎÔÙÛÇ]/;

/** AZERTY neighbours, for substitution typos. */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'zq',
  z: 'aes',
  e: 'zrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'om',
  q: 'asw',
  s: 'qdz',
  d: 'sfe',
  f: 'dgr',
  g: 'fht',
  h: 'gjy',
  j: 'hku',
  k: 'jli',
  l: 'kmo',
  m: 'lp',
  w: 'xq',
  x: 'wc',
  c: 'xv',
  v: 'cb',
  b: 'vn',
  n: 'bm',
};

const VOWELS = 'aeiouyAEIOUY';

/** Removes French accents ("déjà" -> "deja"). */
export function stripAccents(word: string): string {
  return ACCENTED_TEST.test(word) ? word.replace(ACCENTED, (c) => ACCENTS[c] ?? c) : word;
}

/** One keyboard typo: swapped, dropped, doubled or neighbouring letter. Words under 4 letters are left alone. */
export function typo(word: string, rng: RandomStream): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rng.next() * (word.length - 2));
  const kind = Math.floor(rng.next() * 4);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 2) return word.slice(0, i) + word[i] + word.slice(i);
  const near = NEIGHBOURS[word[i]!];
  return near ? word.slice(0, i) + near[Math.floor(rng.next() * near.length)] + word.slice(i + 1) : word;
}

/** Stretches the last vowel of a word ("oui" -> "ouiiii"); words ending in r stretch the r ("mdr" -> "mdrrrr"). */
export function stretch(word: string, rng: RandomStream): string {
  if (word.endsWith('r') && !VOWELS.includes(word[word.length - 2] ?? 'a'))
    return word + 'r'.repeat(2 + Math.floor(rng.next() * 4));
  for (let i = word.length - 1; i >= 0; i--) {
    if (VOWELS.includes(word[i]!))
      return word.slice(0, i + 1) + word[i]!.repeat(2 + Math.floor(rng.next() * 4)) + word.slice(i + 1);
  }
  return word;
}

/**
 * Rewrites the words of a message in a viewer's style, in place.
 * @param capsP probability that the whole message is in caps (hype topics)
 */
export function applyStyle(buf: TokenBuffer, style: WritingStyle, rng: RandomStream, capsP: number): void {
  const caps = capsP > 0 && rng.next() < capsP * style.shout;
  const { tokens, kinds } = buf;
  // Viewers stretch the last word they type: "ouiiii", "noooon", "mdrrrr".
  let stretchAt = -1;
  if (rng.next() < style.stretch) {
    for (let i = buf.length - 1; i >= 0; i--) {
      if (kinds[i] === TokenKind.Word) {
        stretchAt = i;
        break;
      }
    }
  }
  let first = true;
  for (let i = 0; i < buf.length; i++) {
    if (kinds[i] !== TokenKind.Word) {
      if (kinds[i] !== TokenKind.Punct) first = false;
      continue;
    }
    let w = tokens[i]!;
    const abbr = ABBREVIATIONS.get(w);
    if (abbr !== undefined && rng.next() < style.abbrev) w = abbr[Math.floor(rng.next() * abbr.length)]!;
    if (style.accents < 1 && rng.next() >= style.accents) w = stripAccents(w);
    if (rng.next() < style.typo) w = typo(w, rng);
    if (i === stretchAt && w.length >= 2 && w.length <= 5) w = stretch(w, rng);
    if (caps) w = w.toUpperCase();
    else if (first && rng.next() < style.capitalize) w = w.charAt(0).toUpperCase() + w.slice(1);
    first = false;
    tokens[i] = w;
  }
}

/** Number of Unicode code points of a string (what Twitch emote offsets count). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/**
 * Joins the tokens into the message text, placing punctuation in the viewer's style, and computes the emote
 * ranges (code-point offsets). Any word equal to an emote name counts as that emote, as on Twitch.
 */
export function assemble(
  buf: TokenBuffer,
  emoteIds: ReadonlyMap<string, string>,
  style: WritingStyle,
  rng: RandomStream,
): { text: string; emotes: EmoteRange[] } {
  const { tokens, kinds } = buf;
  const emotes: EmoteRange[] = [];
  let text = '';
  let cp = 0;
  let prevKind: TokenKind | -1 = -1;
  for (let i = 0; i < buf.length; i++) {
    const tok = tokens[i]!;
    const kind = kinds[i]!;
    if (kind === TokenKind.Punct) {
      const last = i === buf.length - 1;
      if (last && tok !== ',' && rng.next() < style.dropPunct) continue;
      if (tok === ',' && rng.next() < 0.3) continue;
      if (
        prevKind === -1 ||
        prevKind === TokenKind.Emote ||
        prevKind === TokenKind.Raw ||
        (tok !== ',' && rng.next() < style.spaceBeforePunct)
      ) {
        if (prevKind !== -1) {
          text += ' ';
          cp++;
        }
      }
      text += tok;
      cp += tok.length;
      prevKind = kind;
      continue;
    }
    if (prevKind !== -1) {
      text += ' ';
      cp++;
    }
    const len = codePointLength(tok);
    if (kind === TokenKind.Emote || kind === TokenKind.Word) {
      const id = emoteIds.get(tok);
      if (id !== undefined) {
        emotes.push({ id, name: tok, start: cp, end: cp + len });
        prevKind = TokenKind.Emote;
      } else prevKind = kind;
    } else prevKind = kind;
    text += tok;
    cp += len;
  }
  return { text, emotes };
}

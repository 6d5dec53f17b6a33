import type { EmoteCatalog } from './emotes';
import type { RandomStream } from '../../models/random';

/**
 * A tiny template grammar compiled once per simulator and expanded into tokens for every message.
 *
 * Template syntax (tokens separated by single spaces):
 * - `word` a literal token (an emote name such as `Kappa` stays an emote; `?`, `!`, `,`, `...` are punctuation);
 * - `{slot}` one alternative of a slot, itself a template; `{slot?}` the same, present 40% of the time;
 * - `{@group}` an emote (or an emoji) of a mood group from `emotes.ts`, sometimes repeated; `{@group?}` optional.
 */

/** What a token is: decides whether the writing style may alter it and how it is joined. */
export const TokenKind = {
  /** A word the writing style may alter (typos, accents, caps). */
  Word: 0,
  /** An emote name: never altered, gets an `EmoteRange`. */
  Emote: 1,
  /** `?`, `!`, `,`, `...`: glued or spaced by the writing style. */
  Punct: 2,
  /** Commands, mentions, links, numbers, emoji: never altered. */
  Raw: 3,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

interface WordPart {
  t: 0;
  text: string;
  kind: TokenKind;
}
interface SlotPart {
  t: 1;
  slot: CompiledSlot;
  p: number;
}
interface EmotePart {
  t: 2;
  emotes: readonly string[];
  emoji: readonly string[];
  p: number;
}
type Part = WordPart | SlotPart | EmotePart;

/** A compiled template. */
export type CompiledTemplate = readonly Part[];

interface CompiledSlot {
  name: string;
  alts: CompiledTemplate[];
}

/** Probability that an optional `{slot?}` / `{@group?}` is present. */
const OPTIONAL_P = 0.4;
/** Probability that an emote is an emoji instead. */
const EMOJI_P = 0.2;

const PUNCT = /^[?!.,…:]+$/;
const HAS_LETTER = /\p{L}/u;

/** Reusable token list of one message being written. */
export class TokenBuffer {
  tokens: string[] = [];
  kinds: TokenKind[] = [];
  length = 0;

  /** Appends a token. */
  push(text: string, kind: TokenKind): void {
    this.tokens[this.length] = text;
    this.kinds[this.length] = kind;
    this.length++;
  }

  /** Inserts a token at the front (mentions, cheers). */
  unshift(text: string, kind: TokenKind): void {
    this.tokens.length = this.length;
    this.kinds.length = this.length;
    this.tokens.unshift(text);
    this.kinds.unshift(kind);
    this.length++;
  }

  /** Empties the buffer, keeping its storage. */
  clear(): void {
    this.length = 0;
  }
}

/** Compiles templates against a slot table and an emote catalog, and expands them. */
export class Grammar {
  private readonly slots = new Map<string, CompiledSlot>();

  /**
   * @param slotTable slot name -> alternatives (each a template)
   * @throws Error when a template names an unknown slot or emote group (a bug in the vocabulary).
   */
  constructor(
    slotTable: Record<string, readonly string[]>,
    private readonly catalog: EmoteCatalog,
  ) {
    for (const name of Object.keys(slotTable)) this.slots.set(name, { name, alts: [] });
    for (const [name, alts] of Object.entries(slotTable)) {
      if (alts.length === 0) throw new Error(`simulator grammar: slot "${name}" has no alternative`);
      this.slots.get(name)!.alts = alts.map((a) => this.compile(a));
    }
  }

  /** Classifies a literal token. */
  classify(text: string): TokenKind {
    if (this.catalog.ids.has(text)) return TokenKind.Emote;
    if (PUNCT.test(text)) return TokenKind.Punct;
    const c = text.charCodeAt(0);
    if (c === 33 /* ! */ || c === 64 /* @ */ || c === 35 /* # */ || text.includes('/') || !HAS_LETTER.test(text))
      return TokenKind.Raw;
    return TokenKind.Word;
  }

  /** Compiles one template string. */
  compile(template: string): CompiledTemplate {
    const parts: Part[] = [];
    for (const piece of template.split(' ')) {
      if (piece === '') continue;
      const m = /^\{(@?)([a-z_]+)(\?)?\}$/i.exec(piece);
      if (!m) {
        parts.push({ t: 0, text: piece, kind: this.classify(piece) });
        continue;
      }
      const p = m[3] ? OPTIONAL_P : 1;
      const name = m[2]!;
      if (m[1]) {
        const group = this.catalog.groups.get(name);
        if (!group) throw new Error(`simulator grammar: unknown emote group "${name}" in "${template}"`);
        parts.push({ t: 2, emotes: group.emotes, emoji: group.emoji, p });
      } else {
        const slot = this.slots.get(name);
        if (!slot) throw new Error(`simulator grammar: unknown slot "${name}" in "${template}"`);
        parts.push({ t: 1, slot, p });
      }
    }
    return parts;
  }

  /** Appends the tokens of one random expansion of `template` to `out`. */
  expand(template: CompiledTemplate, rng: RandomStream, out: TokenBuffer, depth = 0): void {
    if (depth > 8) throw new Error('simulator grammar: slots nested too deep (a slot refers to itself?)');
    for (let i = 0; i < template.length; i++) {
      const part = template[i]!;
      if (part.t === 0) {
        out.push(part.text, part.kind);
      } else if (part.p >= 1 || rng.next() < part.p) {
        if (part.t === 1) {
          const alts = part.slot.alts;
          this.expand(alts[Math.floor(rng.next() * alts.length)]!, rng, out, depth + 1);
        } else {
          this.pushEmote(part, rng, out);
        }
      }
    }
  }

  private pushEmote(part: EmotePart, rng: RandomStream, out: TokenBuffer): void {
    const r = rng.next();
    if (r < EMOJI_P && part.emoji.length > 0) {
      const e = part.emoji[Math.floor(rng.next() * part.emoji.length)]!;
      // Emoji are often repeated without spaces: "😂😂😂".
      const n = r < EMOJI_P * 0.3 ? 3 : r < EMOJI_P * 0.6 ? 2 : 1;
      out.push(n === 1 ? e : e.repeat(n), TokenKind.Raw);
      return;
    }
    const name = part.emotes[Math.floor(rng.next() * part.emotes.length)]!;
    const n = r > 0.9 ? 3 : r > 0.8 ? 2 : 1;
    for (let k = 0; k < n; k++) out.push(name, TokenKind.Emote);
  }
}

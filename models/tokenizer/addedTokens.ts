import type { AddedTokenSpec } from './TokenizerJson';

/**
 * A stretch of text: an added token (`token` set) or plain text between them (`token` null). Units `[from, to)`;
 * for a token they include the whitespace `lstrip` / `rstrip` swallowed.
 */
export interface TextSplit {
  from: number;
  to: number;
  token: AddedTokenSpec | null;
}

/** A word character as a regex `\w` sees it in Unicode mode (marks included, so `é\u0301mdr` is not a single word). */
const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;
const SPACE = /\s/u;

/**
 * Finds added tokens (emotes, `<mention>`...) anywhere in a text, with no word boundary (`xKappax` splits around
 * `Kappa`), the leftmost-longest match winning (`KappaPride` over `Kappa`), as HF `tokenizers` does. Honours
 * `single_word` (the match must not touch a letter, mark, digit or `_`; a refused match stays plain text), `lstrip` and
 * `rstrip` (the token swallows the whitespace on that side).
 *
 * @example
 * const m = new AddedTokenMatcher([{ id: 215, content: 'Kappa', special: true, singleWord: false, lstrip: false, rstrip: false, normalized: false }]);
 * m.split('xKappax'); // [{from: 0, to: 1, token: null}, {from: 1, to: 6, token: Kappa}, {from: 6, to: 7, token: null}]
 */
export class AddedTokenMatcher {
  /** First UTF-16 unit -> the tokens whose text starts with it, longest first. */
  private readonly byFirstUnit = new Map<number, { text: string; token: AddedTokenSpec }[]>();
  readonly size: number;

  /**
   * @param tokens the tokens to find
   * @param pattern the text to look for, per token: the content itself for tokens matched in the raw text, the
   *   normalised content for those matched in the normalised text (`ﬁn` is found as `fin`)
   */
  constructor(tokens: readonly AddedTokenSpec[], pattern: (token: AddedTokenSpec) => string = (t) => t.content) {
    // The same text twice: the later entry wins, as in HF's added vocabulary.
    const byPattern = new Map<string, AddedTokenSpec>();
    for (const t of tokens) {
      const text = pattern(t);
      if (text.length > 0) byPattern.set(text, t);
    }
    this.size = byPattern.size;
    for (const [text, token] of byPattern) {
      const unit = text.charCodeAt(0);
      const list = this.byFirstUnit.get(unit) ?? [];
      list.push({ text, token });
      this.byFirstUnit.set(unit, list);
    }
    for (const list of this.byFirstUnit.values()) list.sort((a, b) => b.text.length - a.text.length);
  }

  /** Splits `text` into added tokens and the plain text around them (empty plain pieces are left out). */
  split(text: string): TextSplit[] {
    const out: TextSplit[] = [];
    if (this.size === 0) {
      if (text.length > 0) out.push({ from: 0, to: text.length, token: null });
      return out;
    }
    let plainFrom = 0;
    for (let i = 0; i < text.length;) {
      const candidates = this.byFirstUnit.get(text.charCodeAt(i));
      const match = candidates?.find((c) => text.startsWith(c.text, i));
      if (match === undefined) {
        i++;
        continue;
      }
      const token = match.token;
      let from = i;
      let to = i + match.text.length;
      if (
        token.singleWord &&
        ((from > 0 && WORD_CHAR.test(charBefore(text, from))) || (to < text.length && WORD_CHAR.test(charAt(text, to))))
      ) {
        i = to;
        continue;
      }
      if (token.lstrip) while (from > plainFrom && SPACE.test(text[from - 1]!)) from--;
      if (token.rstrip) while (to < text.length && SPACE.test(text[to]!)) to++;
      if (from > plainFrom) out.push({ from: plainFrom, to: from, token: null });
      out.push({ from, to, token });
      plainFrom = to;
      i = to;
    }
    if (plainFrom < text.length) out.push({ from: plainFrom, to: text.length, token: null });
    return out;
  }
}

function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

function charBefore(text: string, i: number): string {
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

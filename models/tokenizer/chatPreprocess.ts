import { AlignedBuilder, AlignedText } from './alignedText';

/** What an @mention becomes (a special token of the Twitch tokenizer). */
export const MENTION_TOKEN = '<mention>';
/** What a URL becomes (a special token of the Twitch tokenizer). */
export const URL_TOKEN = '<url>';

/**
 * A URL (`http://`, `https://` or `www.` up to the next whitespace) or an @mention (`@` then letters, digits or
 * `_`, not glued to a word or another `@` on its left, so `mail@exemple.fr` is left alone).
 */
const CHAT_ENTITY = /(?:https?:\/\/|www\.)\S+|(?<![\p{L}\p{N}_@])@[\p{L}\p{N}_]+/giu;
/** Punctuation that ends a sentence rather than a URL: `voir https://x.io/a.` keeps its final dot. */
const URL_TRAILER = /[.,;:!?)\]}'"»]+$/u;

function* entities(text: string): Generator<{ from: number; to: number; token: string }> {
  for (const m of text.matchAll(CHAT_ENTITY)) {
    const from = m.index;
    let match = m[0];
    if (match.startsWith('@')) {
      yield { from, to: from + match.length, token: MENTION_TOKEN };
      continue;
    }
    match = match.replace(URL_TRAILER, '');
    if (/^(?:https?:\/\/|www\.)$/iu.test(match)) continue;
    yield { from, to: from + match.length, token: URL_TOKEN };
  }
}

/**
 * Lincoln's chat preprocessing, applied before encoding (or by `encode(text, { preprocess: true })`, which keeps
 * offsets pointing into the text as given): `@mention` -> `<mention>`, URLs -> `<url>`. Nothing else changes.
 *
 * @example
 * preprocessChat('@Bob_42 regarde https://clips.twitch.tv/abc !'); // '<mention> regarde <url> !'
 */
export function preprocessChat(text: string): string {
  let out = '';
  let last = 0;
  for (const { from, to, token } of entities(text)) {
    out += text.slice(last, from) + token;
    last = to;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** {@link preprocessChat} on an aligned text: each placeholder is aligned to the whole mention or URL it replaces. */
export function preprocessChatAligned(input: AlignedText): AlignedText {
  const text = input.text;
  let out: AlignedBuilder | null = null;
  let last = 0;
  for (const { from, to, token } of entities(text)) {
    out ??= new AlignedBuilder(text.length);
    out.copy(input, last, from);
    out.push(token, input.starts[from]!, input.ends[to - 1]!);
    last = to;
  }
  if (out === null) return input;
  out.copy(input, last, text.length);
  return out.build();
}

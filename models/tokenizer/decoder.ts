import type { MetaspaceSpec } from './TokenizerJson';

/**
 * Turns tokens back into text. With HF's Metaspace decoder, `▁` becomes a space, except in the first token (when
 * the scheme prepends one) where it is dropped: `['▁le', '▁bo', 's']` -> `'le bos'`. Without a decoder the tokens
 * are concatenated.
 *
 * @example
 * decodeTokens(['▁le', '▁bo', 's', 's'], { replacement: '▁', prependScheme: 'always', split: true }); // 'le boss'
 */
export function decodeTokens(tokens: readonly string[], spec: MetaspaceSpec | null): string {
  if (spec === null) return tokens.join('');
  const { replacement, prependScheme } = spec;
  let out = '';
  tokens.forEach((token, i) => {
    if (!token.includes(replacement)) out += token;
    else if (i === 0 && prependScheme !== 'never') out += token.replaceAll(replacement, '');
    else out += token.replaceAll(replacement, ' ');
  });
  return out;
}

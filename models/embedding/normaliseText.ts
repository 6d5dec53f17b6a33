/**
 * The cache key of a chat text: NFKC (full-width letters, ligatures and compatibility forms fold), trimmed,
 * whitespace runs collapsed to one space. Case is kept: emotes are case-sensitive (`KEKW` is not `kekw`). The
 * ConvBERT tokenizer applies the same NFKC and whitespace rules, so two texts with one key get the same tokens.
 *
 * @example
 * normaliseText('  ｇｇ\t  KEKW '); // 'gg KEKW'
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

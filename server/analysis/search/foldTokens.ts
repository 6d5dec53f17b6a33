/**
 * The words of a text as search compares them: case and accents folded (`Arbitre`, `ARBITRÉ` and `arbitre` are one
 * word), split on anything that is not a letter or a digit (`l'arbitre` is `l` and `arbitre`).
 *
 * @example foldTokens("L'ARBITRÉ, encore !") // ['l', 'arbitre', 'encore']
 */
export function foldTokens(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

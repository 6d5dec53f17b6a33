import { foldWord } from '../../../models/topics/labels/foldWord';

/**
 * The words of a text as search compares them: case and accents folded as the topic labels fold them (`Arbitre`,
 * `ARBITRÉ` and `arbitre` are one word; `œuvre` is `oeuvre`), split on anything that is not a letter or a digit (`l'arbitre` is `l` and `arbitre`).
 *
 * @example foldTokens("L'ARBITRÉ, encore !") // ['l', 'arbitre', 'encore']
 */
export function foldTokens(text: string): string[] {
  return foldWord(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

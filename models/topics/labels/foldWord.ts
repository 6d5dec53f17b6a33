const COMBINING_MARKS = /\p{M}+/gu;
/** Letters NFKD does not decompose but French writes: "œuvre" and "ex æquo" fold to plain letters. */
const LIGATURES = /[œæ]/g;
const LIGATURE_LETTERS: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae' };
/** The same letter three or more times in a row: an emphasis stretch ("ouiiii", "mdrrrr"), not spelling. */
const STRETCH = /(\p{L})\1{2,}/gu;
/** A word that is one letter typed many times ("ggggg", "zzzz"). */
const ONE_LETTER_STRETCH = /^(\p{L})\1{2,}$/u;

/**
 * Lowercase and accent folding: compatibility decomposition (NFKD, so full-width and ligature forms fold too),
 * combining marks removed, `œ`/`æ` spelled out.
 * @example foldWord('ÇA') // 'ca'; foldWord('Été') // 'ete'
 */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  // ASCII needs no decomposition; most chat words are ASCII, so skip the Unicode work for them.
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(LIGATURES, (c) => LIGATURE_LETTERS[c] ?? c);
}

/**
 * Shortens emphasis stretches: a letter repeated 3+ times counts once ("ouiiiii" -> "oui", "mdrrrr" -> "mdr",
 * "nooon" -> "non"), because chat stretches letters that are single in the word far more often than double ones.
 * A word made only of one stretched letter keeps two ("ggggg" -> "gg"), so that "gg" survives.
 * Known loss: a stretched double letter loses one ("cooool" -> "col"); letters doubled once are left alone.
 * @example collapseStretches('ouiiiii') // 'oui'
 */
export function collapseStretches(word: string): string {
  if (!hasTripleLetter(word)) return word;
  const single = ONE_LETTER_STRETCH.exec(word);
  if (single) return single[1]! + single[1]!;
  return word.replace(STRETCH, '$1');
}

/** Cheap pre-check: most words have no character repeated three times in a row. */
function hasTripleLetter(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return true;
  }
  return false;
}

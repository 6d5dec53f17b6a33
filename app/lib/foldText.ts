/**
 * Text folded for matching: lower case, accents removed, so "ARBITRE", "arbitre" and "Arbitré" match one another
 * (French chat writes accents as it pleases). The dashboard's one folding: the drill-down filter, the Now panel's
 * greeting and laughter words, the questions.
 *
 * @example foldText('Élève ARBITRÉ') // 'eleve arbitre'
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

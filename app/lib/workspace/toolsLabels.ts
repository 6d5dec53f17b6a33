/**
 * A topic label as a reader wants it: the printed form `term (0.41)/other term (0.22)/…` reduced to its first
 * `max` terms joined by ` · `. A label not in that form (a hand-written one, a highlight's) comes back as it is.
 *
 * @example shortLabel('arbitre (0.41)/carton rouge (0.22)/var (0.1)', 2) // 'arbitre · carton rouge'
 */
export function shortLabel(label: string, max = 3): string {
  const terms = [...label.matchAll(/(?:^|\/)([^/]+?) \(-?[\d.]+(?:e[-+]?\d+)?\)(?=\/|$)/gi)].map((m) => m[1]!);
  if (terms.length === 0) return label;
  return terms.slice(0, Math.max(1, max)).join(' · ');
}

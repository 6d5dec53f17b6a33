/**
 * Does a found topic's top term belong to the planted topic it mostly holds? A planted topic's distinctive
 * vocabulary is the set of terms of which at least `share` of all occurrences (in this stream) come from that
 * planted topic's messages: words every topic uses ("stream", "chat") belong to none, so a topic labelled by them
 * does not count as well labelled.
 *
 * @param docTerms terms of each clustered message (the pipeline's term tokenizer)
 * @param truth planted topic of each message
 * @param labels found topic of each message (-1 noise)
 * @param topTerms top label term of each found topic
 * @returns the share of found topics (0..1) whose top term is distinctive of their majority planted topic, and the
 *   same weighted by topic size
 */
export function labelQuality(
  docTerms: readonly (readonly string[])[],
  truth: readonly string[],
  labels: Int32Array,
  topTerms: readonly (string | undefined)[],
  share = 0.5,
): { topics: number; sizeWeighted: number } {
  const byTerm = new Map<string, Map<string, number>>();
  docTerms.forEach((terms, i) => {
    for (const term of new Set(terms)) {
      let counts = byTerm.get(term);
      if (!counts) byTerm.set(term, (counts = new Map()));
      counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1);
    }
  });
  const distinctiveOf = (term: string): string | null => {
    const counts = byTerm.get(term);
    if (!counts) return null;
    let total = 0;
    let best: [string, number] = ['', 0];
    for (const [topic, c] of counts) {
      total += c;
      if (c > best[1]) best = [topic, c];
    }
    return best[1] / total >= share ? best[0] : null;
  };
  const majority = new Map<number, Map<string, number>>();
  labels.forEach((label, i) => {
    if (label < 0) return;
    let counts = majority.get(label);
    if (!counts) majority.set(label, (counts = new Map()));
    counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1);
  });
  let good = 0;
  let goodSize = 0;
  let totalSize = 0;
  for (const [label, counts] of majority) {
    const size = [...counts.values()].reduce((s, c) => s + c, 0);
    const planted = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    totalSize += size;
    const top = topTerms[label];
    if (top !== undefined && distinctiveOf(top) === planted) {
      good++;
      goodSize += size;
    }
  }
  return {
    topics: majority.size === 0 ? 0 : good / majority.size,
    sizeWeighted: totalSize === 0 ? 0 : goodSize / totalSize,
  };
}

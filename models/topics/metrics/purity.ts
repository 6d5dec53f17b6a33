/**
 * Purity of found clusters against ground truth: the share of points whose cluster's most common true class is
 * their own class. 1 when every found cluster holds one true class (even if a class is split over many clusters,
 * which ARI and NMI punish): the question "is each topic about one thing?". Points labelled -1 (noise) are
 * skipped; 0 when no point is clustered.
 *
 * @example purity(['a', 'a', 'b', 'b'], [0, 0, 0, 1]) // 0.75
 */
export function purity(truth: ArrayLike<number | string>, found: ArrayLike<number>): number {
  if (truth.length !== found.length)
    throw new RangeError(`purity: ${truth.length} true labels for ${found.length} found ones`);
  const byCluster = new Map<number, Map<number | string, number>>();
  let clustered = 0;
  for (let i = 0; i < found.length; i++) {
    const c = found[i]!;
    if (c < 0) continue;
    clustered++;
    let counts = byCluster.get(c);
    if (!counts) byCluster.set(c, (counts = new Map()));
    counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1);
  }
  let majority = 0;
  for (const counts of byCluster.values()) majority += Math.max(...counts.values());
  return clustered === 0 ? 0 : majority / clustered;
}

import { pairAri, pairF1, samePairs } from './pairAgreement';

/** One message of the reference system's dump (`*.labels.json`). */
export interface ReferenceLabel {
  text: string;
  label: string | number;
}

/** What `score_topics.py` prints, unrounded. */
export interface ReferenceTopicScore {
  /** Reference messages found in the analysis. */
  matched: number;
  /** Reference messages in all. */
  reference: number;
  topics: number;
  noiseRate: number;
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
  ari: number;
  /** Groups of identical texts that we split over several topics, and groups of identical texts. */
  splitDuplicates: number;
  duplicateGroups: number;
}

/**
 * Agreement of an analysis with the reference system's clusters, computed exactly as `score_topics.py`: reference
 * messages are matched to analysed ones by trimmed text in time order; pair precision, recall and F1 over pairs of
 * messages with one reference label (our noise never pairs); ARI with our noise counted as one label.
 *
 * @param messages the analysed messages in elapsed order, with the grouping to score (-1: noise)
 * @param reference the reference dump in time order
 * @example
 * scoreReferenceTopics([{ text: 'gg', topic: 0 }, { text: 'gg', topic: 0 }], [{ text: 'gg', label: 'a' }, { text: 'gg', label: 'a' }]).pairF1; // 1
 */
export function scoreReferenceTopics(
  messages: readonly { text: string; topic: number }[],
  reference: readonly ReferenceLabel[],
): ReferenceTopicScore {
  const pool = new Map<string, number[]>();
  for (const m of messages) {
    const key = m.text.trim();
    const list = pool.get(key);
    if (list) list.push(m.topic);
    else pool.set(key, [m.topic]);
  }
  const ref: string[] = [];
  const got: number[] = [];
  const texts: string[] = [];
  for (const r of reference) {
    const list = pool.get(r.text.trim());
    if (list && list.length > 0) {
      ref.push(String(r.label));
      got.push(list.shift()!);
      texts.push(r.text.trim());
    }
  }
  const byRef = new Map<string, number[]>();
  ref.forEach((label, i) => byRef.set(label, [...(byRef.get(label) ?? []), got[i]!]));
  let sameRef = 0;
  let sameBoth = 0;
  for (const ys of byRef.values()) {
    sameRef += (ys.length * (ys.length - 1)) / 2;
    sameBoth += samePairs(ys.map((y) => (y < 0 ? null : y)));
  }
  const sameGot = samePairs(got.map((y) => (y < 0 ? null : y)));
  const { precision, recall, f1 } = pairF1(sameBoth, sameRef, sameGot);

  const topicsOfText = new Map<string, Set<number>>();
  const copies = new Map<string, number>();
  texts.forEach((t, i) => {
    topicsOfText.set(t, (topicsOfText.get(t) ?? new Set()).add(got[i]!));
    copies.set(t, (copies.get(t) ?? 0) + 1);
  });
  const noise = got.filter((y) => y < 0).length;
  return {
    matched: got.length,
    reference: reference.length,
    topics: new Set(got.filter((y) => y >= 0)).size,
    noiseRate: got.length ? noise / got.length : 0,
    pairPrecision: precision,
    pairRecall: recall,
    pairF1: f1,
    ari: pairAri(ref, got),
    splitDuplicates: [...topicsOfText.values()].filter((s) => s.size > 1).length,
    duplicateGroups: [...copies.values()].filter((k) => k > 1).length,
  };
}

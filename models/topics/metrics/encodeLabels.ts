/** A cluster label as the metrics accept it: a number (-1 usually noise) or a string (e.g. a planted topic name). */
export type Label = number | string;

/** Dense ids 0..k-1 of the distinct labels, in order of first appearance, and the size of each. */
export function encodeLabels(labels: ArrayLike<Label>): { ids: Int32Array; counts: number[] } {
  const index = new Map<Label, number>();
  const counts: number[] = [];
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    let id = index.get(l);
    if (id === undefined) {
      id = counts.length;
      index.set(l, id);
      counts.push(0);
    }
    counts[id]!++;
    ids[i] = id;
  }
  return { ids, counts };
}

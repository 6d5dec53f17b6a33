import type { AnalysisTopic, HierarchyMerge } from '../../../contracts/analysis';

/** One group of topics after cutting the hierarchy: a node of the tree and the leaves under it. */
export interface HierarchyGroup {
  /** The tree node (a topic id below `n`, a merge's node `n + k` above). */
  node: number;
  /** The fine topics under it, in leaf order. */
  topics: number[];
  /** Messages under it. */
  size: number;
  /** The merge's label, or the topic's own for a group of one. */
  label: string;
}

/** The tree's nodes as the dendrogram draws them. */
export interface DendrogramLayout {
  /** Leaves (topic ids) from left to right, so every merge joins neighbours and no link crosses another. */
  order: number[];
  /** Horizontal position of every node in leaf units (a leaf: its rank; a merge: the middle of its children). */
  x: Map<number, number>;
  /** Height of every node: 0 for a leaf, the merge's distance above. */
  height: Map<number, number>;
  /** The merges that fit the tree, in their order (a malformed one, naming an unknown or used node, is left out). */
  merges: HierarchyMerge[];
  /** The largest merge distance (0 without merges). */
  maxHeight: number;
}

/**
 * The merges that make a tree over leaves `0..n-1`: each must join two existing nodes not yet joined. A document
 * written by another version could hold a merge that does not; dropping it keeps the view drawable.
 */
function validMerges(n: number, merges: readonly HierarchyMerge[]): HierarchyMerge[] {
  const used = new Set<number>();
  const out: HierarchyMerge[] = [];
  // Stop at the first bad merge: every later node id would be off by one.
  const known = (id: number) => Number.isInteger(id) && id >= 0 && id < n + out.length && !used.has(id);
  for (const merge of merges) {
    if (merge.left === merge.right || !known(merge.left) || !known(merge.right)) break;
    used.add(merge.left);
    used.add(merge.right);
    out.push(merge);
  }
  return out;
}

/**
 * Reads the topics as `groups` groups: keeps the first `n - groups` merges (merges come in order of increasing
 * distance, so the closest topics join first) and returns one group per remaining root, largest first.
 *
 * @param topics the analysis' topics (leaf `i` is `topics[i]`)
 * @param merges `analysis.hierarchy.merges`
 * @param groups how many groups to read (clamped to what the merges allow: `n - merges.length` .. `n`)
 * @example cutHierarchy(topics, merges, 1) // one group holding every topic (a complete tree)
 */
export function cutHierarchy(
  topics: readonly AnalysisTopic[],
  merges: readonly HierarchyMerge[],
  groups: number,
): HierarchyGroup[] {
  const n = topics.length;
  const tree = validMerges(n, merges);
  const keep = Math.max(0, Math.min(tree.length, n - Math.round(groups)));
  const children = new Map<number, [number, number]>();
  const roots = new Set<number>(Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < keep; k++) {
    const merge = tree[k]!;
    children.set(n + k, [merge.left, merge.right]);
    roots.delete(merge.left);
    roots.delete(merge.right);
    roots.add(n + k);
  }
  const leaves = (node: number): number[] => {
    const out: number[] = [];
    const stack = [node];
    while (stack.length > 0) {
      const id = stack.pop()!;
      const pair = children.get(id);
      if (pair) stack.push(pair[1], pair[0]);
      else out.push(id);
    }
    return out;
  };
  return [...roots]
    .map((node): HierarchyGroup => {
      const merge = node >= n ? tree[node - n]! : null;
      return {
        node,
        topics: leaves(node),
        size: merge ? merge.size : topics[node]!.size,
        label: merge ? merge.label : topics[node]!.label,
      };
    })
    .sort((a, b) => b.size - a.size || a.node - b.node);
}

/**
 * Places the tree for a dendrogram: leaves ordered by a walk from each root (roots by first merge), every merge at
 * the middle of its children and at its distance. Topics no merge reaches stand as their own roots, at the end.
 *
 * @param n number of topics (leaves)
 * @param merges `analysis.hierarchy.merges`
 */
export function layoutDendrogram(n: number, merges: readonly HierarchyMerge[]): DendrogramLayout {
  const tree = validMerges(n, merges);
  const children = new Map<number, [number, number]>();
  const parent = new Set<number>();
  tree.forEach((m, k) => {
    children.set(n + k, [m.left, m.right]);
    parent.add(m.left);
    parent.add(m.right);
  });
  const order: number[] = [];
  const x = new Map<number, number>();
  const height = new Map<number, number>();
  // Trees first, latest root first (the last merge tops the tallest tree); lone topics after them, by id.
  const roots: number[] = [];
  for (let node = n + tree.length - 1; node >= n; node--) if (!parent.has(node)) roots.push(node);
  for (let node = 0; node < n; node++) if (!parent.has(node)) roots.push(node);
  for (const root of roots) {
    // Post-order without recursion (a chain of a few hundred merges is deep).
    const stack: { node: number; expanded: boolean }[] = [{ node: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      const pair = children.get(top.node);
      if (!pair) {
        x.set(top.node, order.length);
        height.set(top.node, 0);
        order.push(top.node);
      } else if (!top.expanded) {
        stack.push(
          { node: top.node, expanded: true },
          { node: pair[1], expanded: false },
          { node: pair[0], expanded: false },
        );
      } else {
        x.set(top.node, (x.get(pair[0])! + x.get(pair[1])!) / 2);
        height.set(top.node, tree[top.node - n]!.distance);
      }
    }
  }
  const maxHeight = tree.reduce((m, merge) => Math.max(m, merge.distance), 0);
  return { order, x, height, merges: tree, maxHeight };
}

/**
 * The distance at which the tree is cut for `groups` groups: halfway between the last merge kept and the next one,
 * where the dendrogram draws its cut line (null when nothing is cut or everything is).
 */
export function cutHeight(merges: readonly HierarchyMerge[], n: number, groups: number): number | null {
  const keep = n - Math.round(groups);
  if (keep <= 0 || keep >= merges.length) return null;
  return (merges[keep - 1]!.distance + merges[keep]!.distance) / 2;
}

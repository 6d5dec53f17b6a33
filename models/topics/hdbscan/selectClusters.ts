import type { ClusterTree } from './clusterTree';

export type ClusterSelectionMethod = 'eom' | 'leaf';

export interface SelectionOptions {
  readonly method: ClusterSelectionMethod;
  readonly epsilon: number;
  readonly allowSingleCluster: boolean;
  /** Largest selectable cluster (scikit-learn's max_cluster_size); 0 = no limit. */
  readonly maxClusterSize?: number;
}

const tooBig = (tree: ClusterTree, c: number, max: number) => max > 0 && tree.size[c]! > max;

/** All strict descendants of cluster index `c`. */
function descendants(tree: ClusterTree, c: number): number[] {
  const out: number[] = [];
  const stack = [...tree.children[c]!];
  while (stack.length > 0) {
    const x = stack.pop()!;
    out.push(x);
    stack.push(...tree.children[x]!);
  }
  return out;
}

/** Excess of mass, bottom-up: children replace a cluster only if their summed stability is strictly greater. */
function excessOfMass(tree: ClusterTree, allowSingleCluster: boolean, maxClusterSize: number): Set<number> {
  const stability = Float64Array.from(tree.stability);
  const isCluster = new Uint8Array(tree.nClusters);
  const last = allowSingleCluster ? 0 : 1;
  for (let c = last; c < tree.nClusters; c++) isCluster[c] = 1;
  // Children always have larger indices than their parent, so descending order is bottom-up.
  for (let c = tree.nClusters - 1; c >= last; c--) {
    let sub = 0;
    for (const ch of tree.children[c]!) sub += stability[ch]!;
    // As scikit-learn: a cluster over the size limit gives way to its children (a leaf over it becomes noise).
    if (sub > stability[c]! || tooBig(tree, c, maxClusterSize)) {
      isCluster[c] = 0;
      stability[c] = sub;
    } else {
      for (const d of descendants(tree, c)) isCluster[d] = 0;
    }
  }
  const out = new Set<number>();
  for (let c = 0; c < tree.nClusters; c++) if (isCluster[c]) out.add(c);
  return out;
}

/** Leaves of the cluster tree (none when the root never splits). */
function leaves(tree: ClusterTree): Set<number> {
  const out = new Set<number>();
  if (tree.children[0]!.length === 0) return out;
  for (let c = 1; c < tree.nClusters; c++) if (tree.children[c]!.length === 0) out.add(c);
  return out;
}

/** Distance at which cluster `c` was born. */
const birthDistance = (tree: ClusterTree, c: number) => 1 / tree.birthLambda[c]!;

/**
 * Nearest ancestor born above epsilon; else the top-level ancestor (the root only with allowSingleCluster). Never
 * an ancestor over the size limit: there the climb stops (scikit-learn's epsilon search ignores the limit and can
 * merge back what the limit split; we keep the limit).
 */
function traverseUpwards(
  tree: ClusterTree,
  epsilon: number,
  c: number,
  allowSingleCluster: boolean,
  maxClusterSize: number,
): number {
  for (;;) {
    const p = tree.parent[c]!;
    if (tooBig(tree, p, maxClusterSize)) return c;
    if (p === 0) return allowSingleCluster ? 0 : c;
    if (birthDistance(tree, p) > epsilon) return p;
    c = p;
  }
}

/** scikit-learn's epsilon search over a candidate selection. */
function epsilonSearch(
  tree: ClusterTree,
  candidates: Set<number>,
  epsilon: number,
  allowSingleCluster: boolean,
  maxClusterSize: number,
): Set<number> {
  const selected = new Set<number>();
  const processed = new Set<number>();
  for (const c of candidates) {
    if (birthDistance(tree, c) < epsilon) {
      if (!processed.has(c)) {
        const up = traverseUpwards(tree, epsilon, c, allowSingleCluster, maxClusterSize);
        selected.add(up);
        for (const d of descendants(tree, up)) processed.add(d);
      }
    } else {
      selected.add(c);
    }
  }
  return selected;
}

/** Selected clusters as indices into the cluster tree (0 = root), following scikit-learn 1.9's rules. */
export function selectClusters(tree: ClusterTree, opts: SelectionOptions): Set<number> {
  const hasSplits = tree.children[0]!.length > 0;
  const max = opts.maxClusterSize ?? 0;
  if (opts.method === 'eom') {
    const eom = excessOfMass(tree, opts.allowSingleCluster, max);
    if (opts.epsilon === 0 || !hasSplits) return eom;
    if (eom.size === 1 && eom.has(0)) return opts.allowSingleCluster ? eom : new Set();
    return epsilonSearch(tree, eom, opts.epsilon, opts.allowSingleCluster, max);
  }
  const leafSet = leaves(tree);
  if (opts.epsilon === 0) return leafSet;
  return epsilonSearch(tree, leafSet, opts.epsilon, opts.allowSingleCluster, max);
}

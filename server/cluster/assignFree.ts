import type { OwnedKind } from './ClusterCoordinator';

/**
 * Which of the free channels fall to `self`: each free channel in order goes to the live node with the fewest
 * channels (ties by id) that is not full; every node computes the same answer from the same records.
 * @example assignFree(['a', 'b', 'c'], { a: 'live', b: 'live', c: 'live' }, nodes(n1: 0, n2: 0), 'n1', () => true) // ['a', 'c']
 */
export function assignFree(
  free: readonly string[],
  kinds: Record<string, string>,
  nodes: Map<string, { load: number; full: boolean }>,
  self: string,
  canOpen: (kind: OwnedKind) => boolean,
): string[] {
  const loads = new Map([...nodes].map(([id, n]) => [id, n.load]));
  const mine: string[] = [];
  for (const key of free) {
    const kind = kinds[key] as OwnedKind;
    let best: string | null = null;
    for (const [id, n] of nodes) {
      const full = id === self ? !canOpen(kind) : kind === 'live' && n.full;
      if (full) continue;
      if (best === null || loads.get(id)! < loads.get(best)! || (loads.get(id) === loads.get(best) && id < best))
        best = id;
    }
    if (best === null) continue;
    loads.set(best, loads.get(best)! + 1);
    if (best === self) mine.push(key);
  }
  return mine;
}

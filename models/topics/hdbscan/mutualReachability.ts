/** Mutual reachability distance: max(core(a), core(b), d(a, b)). */
export function mutualReachability(distance: number, coreA: number, coreB: number): number {
  let m = distance;
  if (coreA > m) m = coreA;
  if (coreB > m) m = coreB;
  return m;
}

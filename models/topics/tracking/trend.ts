/** Settings of the trend of a topic (a subset of the tracker's options). */
export interface TrendSettings {
  trendBinSeconds: number;
  trendBins: number;
  recentBins: number;
  growingRatio: number;
  fadingRatio: number;
  minTrendMessages: number;
}

/** The bin of a clock: bins are aligned on multiples of `binSeconds` from clock 0, so they shift with the clock. */
export const binOf = (clock: number, binSeconds: number): number => Math.floor(clock / binSeconds);

/**
 * Message counts of one topic per time bin: settled counts (from refits) plus the messages assigned since the
 * last refit. At a refit the assignments the refit's window already holds are settled, and the bins the window
 * covers are recounted from the members, so an assignment is never counted twice (once predicted, once as a
 * member).
 */
export class TopicTrendCounts {
  private settled = new Map<number, number>();
  /** Clocks of the messages assigned since the last refit that could not yet be settled. */
  private pending: number[] = [];

  constructor(private readonly binSeconds: number) {}

  /** One message assigned to the topic at `clock`. */
  recordAssignment(clock: number): void {
    this.pending.push(clock);
  }

  /**
   * Replaces the counts of the bins from `firstCoveredBin` on (the bins the refit's window covers entirely) by
   * the members' counts; older bins keep what they held (their messages have left the window), raised to the
   * members' count where that is higher. Assignments up to the refit's clock are dropped (the members include
   * them, or the refit put them elsewhere); later ones stay pending.
   *
   * @param memberTimes clock of each member of the topic's cluster at this refit.
   * @param firstCoveredBin first bin lying entirely inside the refit's window.
   * @param refitClock clock of the refit (of the window it clustered).
   */
  recountFromMembers(memberTimes: readonly number[], firstCoveredBin: number, refitClock: number): void {
    const fresh = new Map<number, number>();
    for (const t of memberTimes) {
      const bin = binOf(t, this.binSeconds);
      fresh.set(bin, (fresh.get(bin) ?? 0) + 1);
    }
    const old = this.settled;
    this.settled = new Map();
    for (const [bin, count] of old) if (bin < firstCoveredBin) this.settled.set(bin, count);
    for (const [bin, count] of fresh)
      this.settled.set(bin, bin < firstCoveredBin ? Math.max(count, old.get(bin) ?? 0) : count);
    this.pending = this.pending.filter((t) => t > refitClock);
  }

  /**
   * Without member times: the assignments up to the refit's clock are settled at their clocks, and the members
   * new to the topic beyond those assignments (they are among the new members) count at the refit's clock.
   *
   * @param newMembers members of the topic's cluster that were not the topic's at the previous refit.
   * @param refitClock clock of the refit.
   */
  addNewMembers(newMembers: number, refitClock: number): void {
    const settledNow = this.settlePending(refitClock);
    this.add(binOf(refitClock, this.binSeconds), Math.max(0, newMembers - settledNow));
  }

  /**
   * Settles the assignments up to `refitClock` at their clocks (for a topic the refit did not find) and forgets
   * the bins before `oldestBin`.
   */
  settle(oldestBin: number, refitClock: number): void {
    this.settlePending(refitClock);
    for (const bin of [...this.settled.keys()]) if (bin < oldestBin) this.settled.delete(bin);
  }

  /** Number of assignments pending, i.e. recorded later than the last refit's clock. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Counts of the `bins` bins ending with the bin of `clock`, oldest first. */
  window(clock: number, bins: number): number[] {
    const first = binOf(clock, this.binSeconds) - bins + 1;
    const counts = Array.from({ length: bins }, (_, i) => this.settled.get(first + i) ?? 0);
    for (const t of this.pending) {
      const i = binOf(t, this.binSeconds) - first;
      if (i >= 0 && i < bins) counts[i]! += 1;
    }
    return counts;
  }

  private settlePending(refitClock: number): number {
    let n = 0;
    for (const t of this.pending) {
      if (t > refitClock) continue;
      this.add(binOf(t, this.binSeconds), 1);
      n++;
    }
    if (n > 0) this.pending = this.pending.filter((t) => t > refitClock);
    return n;
  }

  private add(bin: number, n: number): void {
    if (n > 0) this.settled.set(bin, (this.settled.get(bin) ?? 0) + n);
  }
}

/**
 * Growing, fading or steady, from a trend: the message rate of the last `recentBins` bins (the current one
 * counted for the part of it that has elapsed) against the rate of the earlier bins, starting at the first bin
 * with messages (bins before the topic existed would make every young topic look like it grows).
 * Steady when there are no earlier bins with messages, or fewer than `minTrendMessages` messages in all.
 *
 * @param trend counts per bin, oldest first, the last bin containing `clock`.
 * @param clock the clock the trend was taken at.
 * @param settings bin width, recent bins and ratio thresholds.
 * @example
 * // 60 s bins, 2 recent bins; clock 599 is the end of the current bin: recent rate 20/bin vs earlier 5/bin.
 * trendDirection([5, 5, 5, 5, 5, 5, 5, 5, 20, 20], 599.999, settings); // 'growing'
 */
export function trendDirection(
  trend: readonly number[],
  clock: number,
  settings: TrendSettings,
): 'growing' | 'steady' | 'fading' {
  const { trendBinSeconds, recentBins, growingRatio, fadingRatio, minTrendMessages } = settings;
  const bins = trend.length;
  const firstEarlier = trend.findIndex((count) => count > 0);
  const lastEarlier = bins - 1 - recentBins;
  if (firstEarlier < 0 || firstEarlier > lastEarlier) return 'steady';
  let earlier = 0;
  for (let i = firstEarlier; i <= lastEarlier; i++) earlier += trend[i]!;
  let recent = 0;
  for (let i = lastEarlier + 1; i < bins; i++) recent += trend[i]!;
  if (earlier + recent < minTrendMessages) return 'steady';
  const elapsedInCurrentBin = clock / trendBinSeconds - binOf(clock, trendBinSeconds);
  const recentDuration = recentBins - 1 + elapsedInCurrentBin;
  if (recentDuration <= 0) return 'steady';
  const ratio = recent / recentDuration / (earlier / (lastEarlier - firstEarlier + 1));
  if (ratio >= growingRatio) return 'growing';
  if (ratio <= fadingRatio) return 'fading';
  return 'steady';
}

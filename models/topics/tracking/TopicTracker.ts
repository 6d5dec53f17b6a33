import { TopicTrackerError } from './errors';
import { matchPairs, type CandidatePair } from './matchPairs';
import { memberOverlapPairs } from './memberOverlap';
import { resolveTopicTrackerOptions, type ResolvedTopicTrackerOptions, type TopicTrackerOptions } from './options';
import { pickColour } from './palette';
import { labelSimilarityPairs } from './termSimilarity';
import { rememberLabel } from './labelMemory';
import { binOf, TopicTrendCounts, trendDirection } from './trend';
import type { RefitCluster, TopicState, TopicTerm, TrackedTopic, TrackedTopicWithTrend } from './types';
import { checkClock, checkRefitClusters } from './validateRefit';

/**
 * How established a topic is, from the number of refits it lived: refits / (refits + 4) (1 refit: 0.2, 4: 0.5,
 * 20: 0.83). Several topics can claim the same cluster (a split's smaller part that merges back, a cluster of
 * strays that lived one refit and carries a topic's label); the one the streamer saw for a long time should win.
 */
const seniority = (refitsSeen: number): number => refitsSeen / (refitsSeen + 4);

/** Member-stage weight factor: from 0.6 (1 refit) to 1, so a young topic needs ~1.6x the shared members to win. */
const memberClaimFactor = (refitsSeen: number): number => 0.5 + 0.5 * seniority(refitsSeen);

/** What the tracker keeps of a topic, live or ended. */
interface TopicRecord {
  id: number;
  colour: number;
  bornAt: number;
  lastSeenAt: number;
  size: number;
  /** Number of the refit that created it (1 for the first refit). */
  bornAtRefit: number;
  /** Number of refits that had it. */
  refitsSeen: number;
  /** Clock of the refit that did not find it; undefined while it lives. */
  endedAt: number | undefined;
  /** Members at the last refit that had it. */
  members: readonly string[];
  /** Running average of its labels (see rememberLabel), for matching by label similarity. */
  label: readonly TopicTerm[];
  trend: TopicTrendCounts;
}

/**
 * Gives the clusters of successive refits stable topic ids and colours, and tracks each topic's state and trend.
 *
 * Matching rule, at each refit, in stages; each stage is a one-to-one matching of the clusters and topics still
 * free, maximising the total weight (exact: Hungarian algorithm on each connected group of candidate pairs):
 * 1. **Live topics by shared members.** A map message id -> topic (O(total members)) counts the messages each
 *    cluster shares with each live topic. A pair qualifies with at least `minSharedMembers` shared messages and
 *    an overlap coefficient shared / min(|topic|, |cluster|) of at least `minMemberOverlap`; its weight is the
 *    number of shared messages (ties: the bigger cluster and topic) times 0.5 + 0.5 x seniority, where seniority
 *    = refits / (refits + 4) grows with the refits the topic lived. Hence a **split**: the part with more of the
 *    topic's messages keeps the id, the other is born (or revived by a later stage); a **merge**: the merged
 *    cluster keeps the id of the topic that gave it more messages (a topic that lived one refit needs about 1.6x
 *    the messages of an established one), the other topic ends.
 * 2. **Ended topics by shared members**, those they had when last seen: a topic that the clustering missed for a
 *    refit, or that a merge swallowed, revives when its messages come back together. A message that an ended topic
 *    still claims does not count for a live topic in stage 1, so when a merge comes apart each side gets its id back.
 * 3. **Bigger sibling.** A topic matched by members to cluster A moves to an unmatched cluster B with a similar
 *    label (cosine >= `minLabelSimilarity`) and more members than A: a new burst of the topic while the tail of
 *    the previous one is still a cluster of its own (the time column separates them). The bigger part keeps the id.
 * 4. **Labels.** Clusters still free take the id of a free topic (live, or ended and not yet forgotten: it
 *    revives) whose remembered label (a running average, see rememberLabel) has a cosine >= `minLabelSimilarity`
 *    with theirs; weight cosine x seniority, so a long-lived topic wins over a short-lived one with the same
 *    label. This follows a topic whose messages left the window, and brings back a topic that returns ("gg" after
 *    each win).
 * Clusters still without an id are **born** with a new id (never reused). Live topics without a cluster **end**;
 * an ended topic is forgotten `forgetEndedAfterSeconds` after it ended.
 *
 * States at a clock: `ended` (not found at the latest refit); `born` (created at the latest refit, or younger
 * than `bornSeconds`); otherwise `growing`, `fading` or `steady` from the trend (see trendDirection).
 *
 * @example
 * const tracker = new TopicTracker();
 * const [a] = tracker.refit([{ members: ['m1', 'm2', 'm3', 'm4'], terms: [{ term: 'gg', score: 0.9 }] }], 30);
 * tracker.recordAssignment(a!.id, 41); // 'm5', predicted between refits
 * const [again] = tracker.refit([{ members: ['m2', 'm3', 'm4', 'm5'], terms: [{ term: 'gg', score: 0.8 }] }], 60);
 * again!.id === a!.id; // true: 3 shared members
 * tracker.topics(60)[0]!.trend; // [0, 0, 0, 0, 0, 0, 0, 0, 5, 0]: the first 4 members and m5, all in the 0-60 s bin
 */
export class TopicTracker {
  private readonly options: ResolvedTopicTrackerOptions;
  private readonly records = new Map<number, TopicRecord>();
  private liveTopicOfMessage = new Map<string, number>();
  private endedTopicOfMessage = new Map<string, number>();
  private nextId = 1;
  private refitCount = 0;
  private lastRefitClock = -Infinity;

  /**
   * @param options matching thresholds, ended-topic memory, palette and trend settings; see TopicTrackerOptions.
   * @throws TopicTrackerError `INVALID_OPTION`.
   */
  constructor(options: TopicTrackerOptions = {}) {
    this.options = resolveTopicTrackerOptions(options);
  }

  /**
   * Matches the clusters of a new refit to the current topics (see the class comment for the rule).
   *
   * @param clusters the clusters of the refit, in any order. With `memberTimes`, the trend bins the window
   *   covers entirely are recounted from the members; without, members new to a topic count at `clock`, less the
   *   assignments recorded up to `clock`.
   * @param clock stream clock (seconds) of the window the refit clustered: assignments recorded with a later
   *   clock are taken as not among its members. Must not be earlier than the previous refit's.
   * @returns the topic of each cluster, same order.
   * @throws TopicTrackerError on an invalid clock (`INVALID_CLOCK`, `CLOCK_WENT_BACKWARDS`) or cluster list
   *   (`EMPTY_CLUSTER`, `DUPLICATE_MEMBER`, `INVALID_MEMBER_TIMES`, `INVALID_TERM`).
   */
  refit(clusters: readonly RefitCluster[], clock: number): TrackedTopic[] {
    checkClock(clock, 'refit');
    if (clock < this.lastRefitClock) {
      throw new TopicTrackerError(
        'CLOCK_WENT_BACKWARDS',
        `TopicTracker.refit: clock ${clock} is earlier than the previous refit's (${this.lastRefitClock})`,
      );
    }
    checkRefitClusters(clusters);
    this.forgetEndedBefore(clock - this.options.forgetEndedAfterSeconds);
    this.refitCount++;

    const topicOfCluster = this.matchClusters(clusters);
    const wasLive = new Set([...this.records.values()].filter((r) => r.endedAt === undefined).map((r) => r.id));
    const firstCoveredBin = this.firstCoveredBin(clusters);
    const records = clusters.map((cluster, c) => {
      const id = topicOfCluster[c];
      const record = id === undefined ? undefined : this.records.get(id);
      return record ? this.continueTopic(record, cluster, clock, firstCoveredBin) : undefined;
    });
    // Births in decreasing size, so their ids do not depend on the order of the clusters (ties aside).
    const unborn = clusters.map((_, c) => c).filter((c) => records[c] === undefined);
    unborn.sort((a, b) => clusters[b]!.members.length - clusters[a]!.members.length || a - b);
    for (const c of unborn) records[c] = this.bornTopic(clusters[c]!, clock, firstCoveredBin);

    const found = new Set(records.map((r) => r!.id));
    for (const record of this.records.values())
      if (!found.has(record.id) && record.endedAt === undefined) record.endedAt = clock;
    this.assignColours(records as TopicRecord[], wasLive);
    const oldestBin = binOf(clock, this.options.trendBinSeconds) - this.options.trendBins + 1;
    for (const record of this.records.values()) record.trend.settle(oldestBin, clock);
    this.rememberMembers();
    this.lastRefitClock = clock;
    return records.map((r) => this.snapshot(r!, clock));
  }

  /**
   * A message assigned between refits (prediction) counts for the topic's trend and size. An assignment to an
   * ended topic counts too (its trend shows it) but does not revive it: only a refit does. An assignment to a
   * forgotten topic is ignored.
   *
   * @param topicId id of a topic this tracker returned.
   * @param clock stream clock of the message.
   * @throws TopicTrackerError `UNKNOWN_TOPIC` for an id this tracker never gave, `INVALID_CLOCK`.
   */
  recordAssignment(topicId: number, clock: number): void {
    checkClock(clock, 'recordAssignment');
    const record = this.records.get(topicId);
    if (!record) {
      if (Number.isInteger(topicId) && topicId >= 1 && topicId < this.nextId) return;
      throw new TopicTrackerError(
        'UNKNOWN_TOPIC',
        `TopicTracker.recordAssignment: topic ${topicId} was never given by this tracker`,
      );
    }
    record.trend.recordAssignment(clock);
    record.size++;
    record.lastSeenAt = Math.max(record.lastSeenAt, clock);
  }

  /**
   * Live topics plus the ended ones not yet forgotten at `clock`, by id, each with its trend: message counts per
   * bin over the last `trendBins` bins, oldest first, the last being the bin of `clock`.
   *
   * @param clock stream clock to take states and trends at (normally the latest).
   * @throws TopicTrackerError `INVALID_CLOCK`.
   */
  topics(clock: number): TrackedTopicWithTrend[] {
    checkClock(clock, 'topics');
    const forget = this.options.forgetEndedAfterSeconds;
    const visible = [...this.records.values()].filter((r) => r.endedAt === undefined || clock - r.endedAt <= forget);
    visible.sort((a, b) => a.id - b.id);
    return visible.map((r) => ({ ...this.snapshot(r, clock), trend: r.trend.window(clock, this.options.trendBins) }));
  }

  /** The topic id of each cluster that inherits one (stages 1 to 4 of the class comment). */
  private matchClusters(clusters: readonly RefitCluster[]): (number | undefined)[] {
    const matched = new Map<number, number>();
    const taken = new Set<number>();
    const records = [...this.records.values()];
    const freeTopics = (live: boolean) => records.filter((r) => (r.endedAt === undefined) === live && !taken.has(r.id));
    const freeClusters = () =>
      clusters.flatMap((cluster, index) => (matched.has(index) ? [] : [{ index, ...cluster }]));
    const claim = (pairs: CandidatePair[], factor: (record: TopicRecord) => number) => {
      const weighted = pairs.map((pair) => ({
        ...pair,
        weight: pair.weight * factor(this.records.get(pair.topicId)!),
      }));
      for (const [cluster, topicId] of matchPairs(weighted)) {
        matched.set(cluster, topicId);
        taken.add(topicId);
      }
    };
    const byMembers = (live: boolean) => {
      const memberCount = new Map(freeTopics(live).map((r) => [r.id, r.members.length]));
      const topicOfMessage = live ? this.liveTopicOfMessage : this.endedTopicOfMessage;
      return memberOverlapPairs(freeClusters(), { topicOfMessage, memberCount }, this.options);
    };
    claim(byMembers(true), (r) => memberClaimFactor(r.refitsSeen));
    claim(byMembers(false), (r) => memberClaimFactor(r.refitsSeen));
    this.preferBiggerSiblings(clusters, matched, freeClusters());
    const labelTopics = [...freeTopics(true), ...freeTopics(false)].map((r) => ({ id: r.id, terms: r.label }));
    claim(labelSimilarityPairs(freeClusters(), labelTopics, this.options.minLabelSimilarity), (r) =>
      seniority(r.refitsSeen),
    );
    return clusters.map((_, c) => matched.get(c));
  }

  /**
   * The split rule for parts that share no members: a topic matched by members to cluster A moves to an
   * unmatched cluster B with a label similar to the topic's and more members than A (the biggest such B). This is
   * a burst of a topic while the tail of its previous burst is still a cluster (the time column separates them):
   * the id follows the bigger part, and the tail goes on to the label stages or is born.
   *
   * @param clusters all clusters of the refit.
   * @param matched cluster -> topic id, updated in place.
   * @param unmatched the clusters without a topic, with their terms.
   */
  private preferBiggerSiblings(
    clusters: readonly RefitCluster[],
    matched: Map<number, number>,
    unmatched: readonly { index: number; terms: readonly TopicTerm[] }[],
  ): void {
    const clusterOf = new Map([...matched].map(([cluster, topicId]) => [topicId, cluster]));
    const topics = [...clusterOf.keys()].map((id) => ({ id, terms: this.records.get(id)!.label }));
    const pairs = labelSimilarityPairs(unmatched, topics, this.options.minLabelSimilarity);
    const size = (cluster: number) => clusters[cluster]!.members.length;
    // Biggest sibling first; then the most similar; then the earliest, for the same result on the same input.
    pairs.sort(
      (a, b) =>
        size(b.cluster) - size(a.cluster) || b.weight - a.weight || a.cluster - b.cluster || a.topicId - b.topicId,
    );
    const moved = new Set<number>();
    for (const { topicId, cluster } of pairs) {
      const current = clusterOf.get(topicId)!;
      if (moved.has(topicId) || matched.has(cluster) || size(cluster) <= size(current)) continue;
      matched.delete(current);
      matched.set(cluster, topicId);
      moved.add(topicId);
    }
  }

  private continueTopic(
    record: TopicRecord,
    cluster: RefitCluster,
    clock: number,
    firstCoveredBin: number,
  ): TopicRecord {
    if (cluster.memberTimes) {
      record.trend.recountFromMembers(cluster.memberTimes, firstCoveredBin, clock);
    } else {
      const previous = new Set(record.members);
      let newMembers = 0;
      for (const id of cluster.members) if (!previous.has(id)) newMembers++;
      record.trend.addNewMembers(newMembers, clock);
    }
    record.endedAt = undefined;
    record.refitsSeen++;
    record.members = [...cluster.members];
    record.label = rememberLabel(record.label, cluster.terms);
    record.size = cluster.members.length + record.trend.pendingCount;
    record.lastSeenAt = Math.max(record.lastSeenAt, clock);
    return record;
  }

  private bornTopic(cluster: RefitCluster, clock: number, firstCoveredBin: number): TopicRecord {
    const record: TopicRecord = {
      id: this.nextId++,
      colour: -1,
      bornAt: clock,
      lastSeenAt: clock,
      size: 0,
      bornAtRefit: this.refitCount,
      refitsSeen: 0,
      endedAt: undefined,
      members: [],
      label: [],
      trend: new TopicTrendCounts(this.options.trendBinSeconds),
    };
    this.records.set(record.id, record);
    return this.continueTopic(record, cluster, clock, firstCoveredBin);
  }

  /**
   * Topics that stay live keep their colour; revived topics keep theirs unless a live topic took it; the others
   * get one from pickColour, in id order.
   */
  private assignColours(current: readonly TopicRecord[], wasLive: ReadonlySet<number>): void {
    const liveColours = current.filter((r) => wasLive.has(r.id)).map((r) => r.colour);
    const used = new Set(liveColours);
    const needColour: TopicRecord[] = [];
    for (const record of [...current].sort((a, b) => a.id - b.id)) {
      if (wasLive.has(record.id)) continue;
      const revivedWithFreeColour = record.colour >= 0 && !used.has(record.colour);
      if (!revivedWithFreeColour) {
        needColour.push(record);
        continue;
      }
      used.add(record.colour);
      liveColours.push(record.colour);
    }
    const endedColours = [...this.records.values()].filter((r) => r.endedAt !== undefined).map((r) => r.colour);
    for (const record of needColour) {
      record.colour = pickColour(this.options.paletteSize, liveColours, endedColours);
      liveColours.push(record.colour);
    }
  }

  /**
   * First trend bin lying entirely inside the refit's window: the window starts at or before its earliest member,
   * so every bin after that member's bin is covered. +Infinity when no cluster has member times.
   */
  private firstCoveredBin(clusters: readonly RefitCluster[]): number {
    let earliest = Infinity;
    for (const cluster of clusters) for (const t of cluster.memberTimes ?? []) earliest = Math.min(earliest, t);
    return earliest === Infinity ? Infinity : binOf(earliest, this.options.trendBinSeconds) + 1;
  }

  private forgetEndedBefore(limit: number): void {
    for (const [id, record] of this.records)
      if (record.endedAt !== undefined && record.endedAt < limit) this.records.delete(id);
  }

  /**
   * Message id -> topic for the next refit, in two maps: the ended topics' members (the most recently ended topic
   * first), and the live topics' members that no ended topic claims. A live topic that swallowed an ended one in a
   * merge is thus matched on its own messages only: when the merge comes apart, the swallowed topic's messages
   * revive it instead of pulling the live id away from the live topic's own messages.
   */
  private rememberMembers(): void {
    const live = new Map<string, number>();
    const ended = new Map<string, number>();
    const records = [...this.records.values()];
    const endedRecords = records
      .filter((r) => r.endedAt !== undefined)
      .sort((a, b) => b.endedAt! - a.endedAt! || a.id - b.id);
    for (const r of endedRecords) for (const id of r.members) if (!ended.has(id)) ended.set(id, r.id);
    for (const r of records)
      if (r.endedAt === undefined) for (const id of r.members) if (!ended.has(id)) live.set(id, r.id);
    this.liveTopicOfMessage = live;
    this.endedTopicOfMessage = ended;
  }

  private state(record: TopicRecord, clock: number): TopicState {
    if (record.endedAt !== undefined) return 'ended';
    if (record.bornAtRefit === this.refitCount || clock - record.bornAt < this.options.bornSeconds) return 'born';
    return trendDirection(record.trend.window(clock, this.options.trendBins), clock, this.options);
  }

  private snapshot(record: TopicRecord, clock: number): TrackedTopic {
    const { id, colour, bornAt, lastSeenAt, size } = record;
    return { id, colour, state: this.state(record, clock), bornAt, lastSeenAt, size };
  }
}

import type { MomentCard } from '../../contracts/socket-events';
import { formatLabel } from '../../models/topics/labels';
import type { ClusteringResult } from '../../models/topics/pipeline';
import { TopicTracker } from '../../models/topics/tracking';
import { orderCards, refitClusters, trackedCard } from './trackedCards';
import type { WindowEntry } from './TopicWindow';

interface MomentFit {
  /** Tracked moment id of each tracked fine topic of the fit. */
  momentOfTopic: Map<number, number>;
  labels: Map<number, { label: string; terms: MomentCard['terms'] }>;
  representatives: Map<number, WindowEntry[]>;
}

/**
 * The live moments of one channel: the moment level of each refit, with ids and colours kept stable across refits
 * by a tracker of their own (the same matching as the fine topics, on the moments' members). Between refits a new
 * message takes the moment of the fine topic it was placed in.
 */
export class MomentBoard {
  private tracker = new TopicTracker();
  private fit: MomentFit | null = null;

  /**
   * Takes a refit's moments. Call after the fine topics were tracked.
   * @param entries the refitted window, aligned with the result's rows
   * @param topicOfCluster tracked fine topic id of each fine cluster of the result
   * @param clock the clock of the refitted window
   */
  apply(
    entries: readonly WindowEntry[],
    result: ClusteringResult,
    topicOfCluster: readonly number[],
    clock: number,
    representatives: number,
  ): void {
    const { moments } = result;
    const tracked = this.tracker.refit(refitClusters(entries, moments.labels, moments.terms, moments.nMoments), clock);
    const momentOfCluster = tracked.map((t) => t.id);
    entries.forEach((e, i) => {
      const m = moments.labels[i]!;
      e.moment = m >= 0 ? momentOfCluster[m]! : null;
    });
    const momentOfTopic = new Map<number, number>();
    moments.topicMoment.forEach((m, c) => {
      if (m >= 0 && topicOfCluster[c] !== undefined) momentOfTopic.set(topicOfCluster[c]!, momentOfCluster[m]!);
    });
    const labels = new Map<number, { label: string; terms: MomentCard['terms'] }>();
    const reps = new Map<number, WindowEntry[]>();
    for (let m = 0; m < moments.nMoments; m++) {
      const terms = moments.terms[m] ?? [];
      labels.set(momentOfCluster[m]!, { label: formatLabel(terms), terms });
      reps.set(
        momentOfCluster[m]!,
        (moments.representatives[m] ?? []).slice(0, representatives).map((i) => entries[i]!),
      );
    }
    this.fit = { momentOfTopic, labels, representatives: reps };
  }

  /** The moment of a tracked fine topic (null: none, or no fit yet). */
  momentOfTopic(topic: number | null): number | null {
    if (topic === null || !this.fit) return null;
    return this.fit.momentOfTopic.get(topic) ?? null;
  }

  /** Records a message placed between refits in a moment (for its trend). */
  recordAssignment(moment: number, elapsed: number): void {
    this.tracker.recordAssignment(moment, elapsed);
  }

  /**
   * Live moments largest first, then recently ended ones.
   * @param sizes messages of the window per moment id
   * @param topicSizes messages of the window per fine topic id (orders each moment's topics)
   */
  cards(sizes: ReadonlyMap<number, number>, topicSizes: ReadonlyMap<number, number>, clock: number): MomentCard[] {
    const fit = this.fit;
    if (!fit) return [];
    const topicsOf = new Map<number, number[]>();
    for (const [topic, moment] of fit.momentOfTopic) topicsOf.set(moment, [...(topicsOf.get(moment) ?? []), topic]);
    const cards: MomentCard[] = [];
    for (const t of this.tracker.topics(clock)) {
      const label = fit.labels.get(t.id);
      if (!label) continue;
      cards.push({
        ...trackedCard(t, label, sizes.get(t.id) ?? 0, fit.representatives.get(t.id) ?? []),
        topics: (topicsOf.get(t.id) ?? []).sort((a, b) => (topicSizes.get(b) ?? 0) - (topicSizes.get(a) ?? 0) || a - b),
      });
    }
    return orderCards(cards);
  }

  /** Forgets every moment (a replay seek, the channel starting afresh). */
  reset(): void {
    this.tracker = new TopicTracker();
    this.fit = null;
  }
}

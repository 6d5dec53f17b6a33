import type { RefitCluster, TopicTerm } from '../types';
import { Mulberry32 } from '../../../random';

/** Shape of a simulated stream of refits with planted topics. */
export interface PlantedScenarioSettings {
  seed: number;
  /** Number of planted topics. */
  topics: number;
  /** Stream length in seconds. */
  durationSeconds: number;
  /** Sliding window clustered at each refit, in seconds. */
  windowSeconds: number;
  refitEverySeconds: number;
  /** Chance of a message of a topic in each second while it is active (so messages per second, at most 1). */
  activeRate: number;
  /** Chance that a member is called noise at a refit (drawn anew at each refit). */
  noise: number;
  /** Chance that a member lands in another topic's cluster at a refit. */
  misassigned: number;
  /** Chance per refit and topic that its cluster starts being split in two (for 1 to 6 refits). */
  split: number;
  /** Chance per refit that two topics' clusters start being merged (for 1 to 4 refits). */
  merge: number;
  /** Chance per refit and topic that it is missed entirely (all noise). */
  flicker: number;
}

export interface PlantedMessage {
  id: string;
  time: number;
  topic: number;
  /** Side of the message when its topic is split: a fixed draw in [0, 1), so a split keeps it on one side. */
  side: number;
}

export interface PlantedRefit {
  clock: number;
  clusters: RefitCluster[];
  /** Planted topic holding the majority of each cluster's members. */
  majority: number[];
  /** Messages that arrived since the previous refit (up to this refit's clock), for assignments. */
  arrivals: PlantedMessage[];
}

const MIN_CLUSTER = 5;

/**
 * A seeded sequence of refits built from a ground truth: planted topics switch between active spells (2-8 min)
 * and quiet ones (1-12 min), so they drift into and out of the sliding window and come back; each refit clusters
 * the window with member noise and misassignments drawn anew, missed topics, and splits and merges that last a
 * few refits, and labels each cluster with jittered terms of its majority topic's vocabulary (neighbouring topics
 * share one term).
 *
 * @param settings the stream and the clustering's imperfections.
 */
export function plantedScenario(settings: PlantedScenarioSettings): PlantedRefit[] {
  const random = new Mulberry32(settings.seed).toFunction();
  const messages = plantedMessages(settings, random);
  const refits: PlantedRefit[] = [];
  const events: ClusteringEvents = { splitUntil: new Map(), merge: undefined };
  let arrivedUpTo = 0;
  for (let clock = settings.refitEverySeconds; clock <= settings.durationSeconds; clock += settings.refitEverySeconds) {
    const inWindow = messages.filter((m) => m.time <= clock && m.time > clock - settings.windowSeconds);
    const arrivals: PlantedMessage[] = [];
    while (arrivedUpTo < messages.length && messages[arrivedUpTo]!.time <= clock)
      arrivals.push(messages[arrivedUpTo++]!);
    refits.push({ clock, arrivals, ...clusterWindow(inWindow, clock, settings, events, random) });
  }
  return refits;
}

function plantedMessages(settings: PlantedScenarioSettings, random: () => number): PlantedMessage[] {
  const messages: PlantedMessage[] = [];
  for (let topic = 0; topic < settings.topics; topic++) {
    let t = random() * 300;
    let active = random() < 0.5;
    while (t < settings.durationSeconds) {
      const spell = active ? 120 + random() * 360 : 60 + random() * 660;
      if (active) {
        for (let s = t; s < Math.min(t + spell, settings.durationSeconds); s += 1) {
          if (random() >= settings.activeRate) continue;
          messages.push({ id: `t${topic}-${messages.length}`, time: s + random(), topic, side: random() });
        }
      }
      t += spell;
      active = !active;
    }
  }
  return messages.sort((a, b) => a.time - b.time);
}

/** Splits and merges last a few refits, as sub-topics and neighbouring topics do under HDBSCAN. */
interface ClusteringEvents {
  /** Planted topic -> clock up to which it is split. */
  splitUntil: Map<number, number>;
  merge: { from: number; into: number; until: number } | undefined;
}

function clusterWindow(
  window: readonly PlantedMessage[],
  clock: number,
  settings: PlantedScenarioSettings,
  events: ClusteringEvents,
  random: () => number,
): { clusters: RefitCluster[]; majority: number[] } {
  const byTopic = new Map<number, PlantedMessage[]>();
  for (const m of window) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  const present = [...byTopic.keys()].filter(() => random() >= settings.flicker).sort((a, b) => a - b);
  for (const topic of present) {
    if (!((events.splitUntil.get(topic) ?? -1) >= clock) && random() < settings.split) {
      events.splitUntil.set(topic, clock + settings.refitEverySeconds * Math.floor(random() * 6));
    }
  }
  if (!(events.merge && events.merge.until >= clock) && present.length >= 2 && random() < settings.merge) {
    const into = present[Math.floor(random() * present.length)]!;
    const from = present.filter((t) => t !== into)[Math.floor(random() * (present.length - 1))]!;
    events.merge = { from, into, until: clock + settings.refitEverySeconds * Math.floor(random() * 4) };
  }
  const mergedInto = new Map<number, number>();
  if (events.merge && events.merge.until >= clock) mergedInto.set(events.merge.from, events.merge.into);
  // Each present topic is one cluster, or two while split (a message stays on its side of the split).
  const groups = new Map<number, PlantedMessage[][]>();
  for (const topic of present) groups.set(topic, (events.splitUntil.get(topic) ?? -1) >= clock ? [[], []] : [[]]);
  for (const topic of present) {
    for (const m of byTopic.get(topic)!) {
      if (random() < settings.noise) continue;
      let target = random() < settings.misassigned ? present[Math.floor(random() * present.length)]! : topic;
      target = mergedInto.get(target) ?? target;
      const parts = groups.get(target) ?? groups.get(topic)!;
      parts[parts.length === 2 && m.side < 0.35 ? 1 : 0]!.push(m);
    }
  }
  const clusters: RefitCluster[] = [];
  const majority: number[] = [];
  for (const parts of groups.values()) {
    for (const part of parts) {
      if (part.length < MIN_CLUSTER) continue;
      const counts = new Map<number, number>();
      for (const m of part) counts.set(m.topic, (counts.get(m.topic) ?? 0) + 1);
      const top = [...counts].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0];
      const terms = plantedLabel(top, settings.topics, random);
      clusters.push({ members: part.map((m) => m.id), memberTimes: part.map((m) => m.time), terms });
      majority.push(top);
    }
  }
  // The clustering numbers clusters arbitrarily: shuffle.
  const order = clusters.map((_, i) => i).sort(() => random() - 0.5);
  return { clusters: order.map((i) => clusters[i]!), majority: order.map((i) => majority[i]!) };
}

/** Jittered top terms of a topic's vocabulary; topic k shares the term `common-k` with topic k+1. */
function plantedLabel(topic: number, topics: number, random: () => number): TopicTerm[] {
  const previous = (topic + topics - 1) % topics;
  const vocabulary = [
    `t${topic}-a`,
    `t${topic}-b`,
    `common-${topic}`,
    `t${topic}-c`,
    `common-${previous}`,
    `t${topic}-d`,
  ];
  const kept = vocabulary.filter(() => random() > 0.15);
  const terms = kept.map((term, rank) => ({ term, score: (1 / (rank + 1)) * (0.7 + 0.6 * random()) }));
  if (random() < 0.3) terms.push({ term: `t${Math.floor(random() * topics)}-b`, score: 0.1 * random() });
  return terms.sort((a, b) => b.score - a.score);
}

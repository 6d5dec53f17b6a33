import { deriveSeed, Sfc32, type RandomStream } from '../../models/random';
import { TOPICS, topicIndex } from './topics';

/**
 * The stream schedule: a stream is a sequence of episodes (a boss fight, a death, a copypasta wave, a drift to
 * football talk...) that appear, peak and fade. Each 10-minute block is planned from the seed alone (not from the
 * rate), then turned into pieces of constant message rate and constant topic mix.
 */

/** Length of a planning block in seconds. */
export const BLOCK_SECONDS = 600;

/** A stretch of time with a constant arrival rate and topic mix. */
export interface RatePiece {
  /** Absolute end (seconds since stream start), exclusive. */
  end: number;
  /** Viewer messages per second. */
  rate: number;
  /** Cumulative topic weights, indexed like `TOPICS`. */
  cumulative: Float64Array;
}

/** One planned block. */
export interface Block {
  index: number;
  start: number;
  end: number;
  pieces: RatePiece[];
  /** Absolute times (seconds) of bot timer announcements. */
  timers: number[];
}

/** An episode, in seconds relative to its block. */
interface Episode {
  topic: number;
  start: number;
  end: number;
  /** Weight added to the topic, as a multiple of the background total. */
  weight: number;
  /** Added to the rate multiplier while active (bursts). */
  extraRate: number;
  /** Multiplies the rate while active (quiet periods); 1 otherwise. */
  quiet: number;
}

const NO_TOPIC = -1;
const T = {
  greetings: topicIndex('greetings'),
  goodbyes: topicIndex('goodbyes'),
  subs: topicIndex('subs-thanks'),
  qSetup: topicIndex('q-setup'),
  qGame: topicIndex('q-game'),
  qSchedule: topicIndex('q-schedule'),
  qMusic: topicIndex('q-music'),
  boss: topicIndex('boss-fight'),
  death: topicIndex('death'),
  clutch: topicIndex('clutch'),
  fail: topicIndex('fail'),
  chaise: topicIndex('joke-chaise'),
  pompes: topicIndex('joke-pompes'),
  plus1: topicIndex('spam-plus1'),
  catjam: topicIndex('spam-catjam'),
  copypastas: [1, 2, 3, 4].map((n) => topicIndex(`copypasta-${n}`)),
  offtopic: ['offtopic-food', 'offtopic-football', 'offtopic-weather', 'offtopic-school'].map(topicIndex),
};

const BACKGROUND_TOTAL = TOPICS.reduce((s, t) => s + t.base, 0);

class Planner {
  readonly episodes: Episode[] = [];
  constructor(readonly rng: RandomStream) {}

  /** A flat episode (bursts, waves). */
  flat(topic: number, start: number, duration: number, weight: number, extraRate = 0): void {
    const end = Math.min(BLOCK_SECONDS, start + duration);
    if (end > start) this.episodes.push({ topic, start, end, weight, extraRate, quiet: 1 });
  }

  /** An episode that rises, peaks and fades. */
  arc(topic: number, start: number, duration: number, weight: number, extraRate = 0): void {
    const a = start + duration * 0.25;
    const b = start + duration * 0.75;
    this.flat(topic, start, a - start, weight * 0.45, extraRate * 0.5);
    this.flat(topic, a, b - a, weight, extraRate);
    this.flat(topic, b, start + duration - b, weight * 0.35, extraRate * 0.3);
  }

  /** A hype burst: the rate is multiplied by `1 + extraRate`, and the topic dominates. */
  burst(topic: number, start: number, duration: number, extraRate: number): void {
    this.flat(topic, start, duration, 1.2 * extraRate + 1, extraRate);
  }

  quiet(start: number, duration: number, factor: number): void {
    const end = Math.min(BLOCK_SECONDS, start + duration);
    if (end > start) this.episodes.push({ topic: NO_TOPIC, start, end, weight: 0, extraRate: 0, quiet: factor });
  }

  /** A start time such that an episode of `duration` fits in [from, BLOCK_SECONDS - margin]. */
  startFor(duration: number, from = 0, margin = 0): number {
    return this.rng.uniform(from, Math.max(from, BLOCK_SECONDS - margin - duration));
  }
}

/** Plans the episodes of one block. Depends only on the seed and the block index. */
function planEpisodes(seed: number, index: number): Episode[] {
  const rng = new Sfc32(deriveSeed(seed, 'block', index));
  const favouritePasta = new Sfc32(deriveSeed(seed, 'stream')).int(0, T.copypastas.length - 1);
  const p = new Planner(rng);
  const opening = index === 0;
  const from = opening ? 300 : 0;

  if (opening) {
    // Chat fills up, says hello, asks what is on tonight.
    p.quiet(0, 60, 0.35);
    p.quiet(60, 90, 0.7);
    p.arc(T.greetings, 0, 330, 1.4);
    p.arc(T.qSchedule, 40, 300, 0.3);
    p.arc(T.qGame, 150, 360, 0.35);
  } else if (rng.chance(0.5)) {
    // Boss fight, ending in a death or a win.
    const duration = rng.int(150, 330);
    const start = p.startFor(duration, 0, 45);
    p.arc(T.boss, start, duration, rng.uniform(1.0, 1.8), 0.4);
    const won = rng.chance(0.4);
    const end = start + duration;
    p.burst(won ? T.clutch : T.death, end, rng.int(15, 45), rng.uniform(1.5, 3.5));
    if (!won && rng.chance(0.5)) p.arc(T.pompes, end + 20, rng.int(60, 150), 0.5);
  }

  const scale = opening ? 0.5 : 1;
  for (let k = rng.poisson(1.0 * scale); k > 0; k--) {
    const d = rng.int(10, 40);
    const s = p.startFor(d, from);
    p.burst(T.death, s, d, rng.uniform(1, 2.5));
    if (rng.chance(0.25)) p.arc(T.pompes, s + d, rng.int(40, 100), 0.4);
  }
  for (let k = rng.poisson(1.0 * scale); k > 0; k--) {
    const d = rng.int(15, 45);
    p.burst(T.fail, p.startFor(d, from), d, rng.uniform(1, 2.5));
  }
  for (let k = rng.poisson(0.5 * scale); k > 0; k--) {
    const d = rng.int(10, 30);
    p.burst(T.clutch, p.startFor(d, from), d, rng.uniform(1.5, 3.5));
  }
  if (rng.chance(0.35)) {
    const pasta = rng.chance(0.6) ? T.copypastas[favouritePasta]! : rng.pick(T.copypastas);
    const d = rng.int(30, 120);
    p.flat(pasta, p.startFor(d), d, rng.uniform(1.5, 2.5), rng.uniform(0.5, 1.5));
  }
  if (rng.chance(0.3)) {
    const d = rng.int(10, 40);
    p.burst(T.plus1, p.startFor(d, from), d, rng.uniform(1.5, 3));
  }
  if (rng.chance(0.25)) {
    const d = rng.int(20, 90);
    p.flat(T.catjam, p.startFor(d), d, rng.uniform(1, 2), 0.5);
  }
  if (rng.chance(0.25)) {
    const d = rng.int(40, 120);
    p.arc(T.chaise, p.startFor(d), d, 0.6);
  }
  if (rng.chance(0.6)) {
    const d = rng.int(90, 240);
    p.arc(rng.pick(T.offtopic), p.startFor(d), d, rng.uniform(0.5, 1.0));
  }
  if (rng.chance(0.3)) {
    const d = rng.int(40, 120);
    p.arc(T.qMusic, p.startFor(d), d, 0.5);
  }
  if (rng.chance(0.25)) {
    const d = rng.int(60, 150);
    p.arc(T.qSetup, p.startFor(d), d, 0.5);
  }
  if (rng.chance(0.2)) {
    const d = rng.int(60, 150);
    p.arc(T.qGame, p.startFor(d), d, 0.4);
  }
  if (rng.chance(0.15)) {
    const d = rng.int(60, 120);
    p.arc(T.qSchedule, p.startFor(d), d, 0.4);
  }
  if (rng.chance(0.3)) {
    const d = rng.int(20, 60);
    p.burst(T.subs, p.startFor(d), d, rng.uniform(0.5, 1.5));
  }
  if (!opening && rng.chance(0.06)) {
    // A raid: a wave of newcomers saying hello.
    const d = rng.int(30, 60);
    p.burst(T.greetings, p.startFor(d), d, rng.uniform(2, 4));
  }
  if (!opening && rng.chance(0.35)) {
    const d = rng.int(60, 180);
    p.quiet(p.startFor(d), d, rng.uniform(0.3, 0.5));
  }
  return p.episodes;
}

/** Background weight multipliers that drift with the stream's age. */
function backgroundWeights(index: number): Float64Array {
  const w = new Float64Array(TOPICS.length);
  for (let i = 0; i < TOPICS.length; i++) w[i] = TOPICS[i]!.base;
  w[T.greetings]! *= index === 0 ? 2 : index === 1 ? 1.3 : 1;
  w[T.goodbyes]! *= index === 0 ? 0.2 : Math.min(1 + 0.25 * index, 5);
  return w;
}

/**
 * Builds block `index`: its rate pieces (normalised so the block averages `viewerRate` messages per second) and
 * its bot timers.
 */
export function buildBlock(seed: number, index: number, viewerRate: number): Block {
  const start = index * BLOCK_SECONDS;
  const episodes = planEpisodes(seed, index);
  const base = backgroundWeights(index);
  const cuts = new Set<number>([0, BLOCK_SECONDS]);
  for (const e of episodes) {
    cuts.add(e.start);
    cuts.add(e.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const raw: { end: number; len: number; rate: number; cumulative: Float64Array }[] = [];
  let integral = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    const weights = base.slice();
    let mult = 1;
    let quiet = 1;
    for (const e of episodes) {
      if (e.start > a || e.end < b) continue;
      if (e.topic !== NO_TOPIC) weights[e.topic]! += e.weight * BACKGROUND_TOTAL;
      mult += e.extraRate;
      quiet *= e.quiet;
    }
    for (let k = 1; k < weights.length; k++) weights[k]! += weights[k - 1]!;
    const rate = mult * quiet;
    integral += rate * (b - a);
    raw.push({ end: start + b, len: b - a, rate, cumulative: weights });
  }
  const scale = (viewerRate * BLOCK_SECONDS) / integral;
  const pieces = raw.map((r) => ({ end: r.end, rate: r.rate * scale, cumulative: r.cumulative }));

  const rng = new Sfc32(deriveSeed(seed, 'timers', index));
  const timers: number[] = [];
  if (index === 0) timers.push(start + rng.uniform(20, 60));
  if (rng.chance(0.5)) timers.push(start + rng.uniform(60, BLOCK_SECONDS));
  return { index, start, end: start + BLOCK_SECONDS, pieces, timers };
}

import { describe, expect, it } from 'vitest';
import type { TopicCard } from '../../../contracts/socket-events';
import { rankNow, recentActivity } from './rankNow';

/** Clock 599: the end of the 10th 60 s bin, so the current bin is (almost) complete. */
const CLOCK = 599.9;

let nextId = 1;
function card(label: string[], trend: number[], overrides: Partial<TopicCard> = {}): TopicCard {
  const id = nextId++;
  return {
    id,
    colour: id % 12,
    state: 'steady',
    label: label.join('/'),
    terms: label.map((term, i) => ({ term, score: 1 / (i + 1) })),
    size: trend.reduce((a, b) => a + b, 0),
    trend,
    representatives: [],
    bornAt: 0,
    lastSeenAt: CLOCK,
    silhouette: null,
    moment: null,
    ...overrides,
  };
}

const snapshot = (topics: TopicCard[]) => ({ topics, clock: CLOCK, trendBinSeconds: 60 });

describe('recentActivity', () => {
  it('calls a topic rising when its last minutes outpace its earlier ones, fading when they fall behind', () => {
    expect(recentActivity([5, 5, 5, 5, 5, 5, 5, 10, 12, 14], CLOCK, 60).mark).toBe('rising');
    expect(recentActivity([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], CLOCK, 60).mark).toBe('steady');
    expect(recentActivity([9, 9, 9, 9, 9, 9, 9, 2, 1, 0], CLOCK, 60).mark).toBe('fading');
    // A topic with no earlier messages and some now is new, so rising.
    expect(recentActivity([0, 0, 0, 0, 0, 0, 0, 0, 3, 6], CLOCK, 60)).toMatchObject({ recent: 9, mark: 'rising' });
  });

  it('weighs the current minute by the part of it that has passed', () => {
    // 10 s into the current bin, 2 messages in it: the same pace as 5 a minute before.
    const early = recentActivity([5, 5, 5, 5, 5, 5, 5, 5, 5, 1], 540 + 10, 60);
    expect(early.mark).toBe('steady');
    expect(early.expected).toBeCloseTo(5 * (2 + 10 / 60));
  });
});

describe('rankNow', () => {
  it('ranks by recent activity and growth, not by size in the window', () => {
    const big = card(['boss', 'dur'], [40, 40, 40, 40, 30, 20, 10, 3, 2, 1]);
    const rising = card(['manette', 'cassée'], [0, 0, 0, 0, 0, 0, 0, 2, 6, 9]);
    const steady = card(['match', 'psg'], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const { entries } = rankNow(snapshot([big, rising, steady]));
    expect(entries.map((e) => (e.kind === 'topic' ? e.topic.id : e.kind))).toEqual([rising.id, steady.id, big.id]);
    expect(entries.map((e) => e.mark)).toEqual(['rising', 'steady', 'fading']);
    expect(entries[0]!.recent).toBe(17);
  });

  it('merges every greeting topic into one group that lists its variants, busiest first', () => {
    const salut = card(['salut', 'chat'], [0, 0, 0, 0, 0, 0, 0, 2, 2, 2]);
    const bonjour = card(['bonjour'], [0, 0, 0, 0, 0, 0, 0, 1, 3, 4]);
    const peepo = card(['peepoHey'], [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    const subject = card(['examen', 'demain'], [0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const { entries } = rankNow(snapshot([salut, bonjour, peepo, subject]));
    const groups = entries.filter((e) => e.kind === 'greetings');
    expect(groups).toHaveLength(1);
    const group = groups[0]!;
    expect(group.kind === 'greetings' && group.topics.map((t) => t.topic.id)).toEqual([bonjour.id, salut.id, peepo.id]);
    expect(group.recent).toBe(15);
    expect(entries.filter((e) => e.kind === 'topic').map((e) => e.kind === 'topic' && e.topic.id)).toEqual([
      subject.id,
    ]);
  });

  it('puts emote waves in chips, leaves out ended and quiet topics, and cuts to the count asked', () => {
    const kekw = card(['KEKW', 'mdr'], [0, 0, 0, 0, 0, 0, 0, 5, 9, 9]);
    const ended = card(['pizza'], [0, 0, 0, 0, 0, 0, 0, 5, 9, 9], { state: 'ended' });
    const quiet = card(['météo'], [4, 4, 4, 4, 4, 4, 4, 1, 0, 0]);
    const many = Array.from({ length: 9 }, (_, i) => card([`sujet${i}`], [0, 0, 0, 0, 0, 0, 0, 1, 1, i + 1]));
    const { entries, chips } = rankNow(snapshot([kekw, ended, quiet, ...many]), 5);
    expect(chips.map((c) => c.topic.id)).toEqual([kekw.id]);
    expect(entries).toHaveLength(5);
    const ids = entries.map((e) => e.kind === 'topic' && e.topic.id);
    expect(ids).not.toContain(ended.id);
    expect(ids).not.toContain(quiet.id);
    expect(ids[0]).toBe(many[8]!.id);
  });
});

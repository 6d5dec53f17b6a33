import { describe, expect, it } from 'vitest';
import { HighlightSchema } from '../../../contracts/analysis';
import { Sfc32 } from '../../random';
import { highlights, MAX_HIGHLIGHTS } from './highlights';

interface Burst {
  minute: number;
  minutes: number;
  perMinute: number;
  topic: number;
}

/**
 * A stream of `minutes` minutes at about `rate` messages a minute (Poisson-like jitter) of noise and topics 0..2,
 * with each planted burst adding `perMinute` messages of its topic a minute.
 */
function stream(minutes: number, rate: number, bursts: Burst[], seed = 1) {
  const random = new Sfc32(seed);
  const elapsed: number[] = [];
  const topics: number[] = [];
  for (let m = 0; m < minutes; m++) {
    const count = Math.round(rate + (random.next() - 0.5) * 2 * Math.sqrt(rate));
    for (let i = 0; i < count; i++) {
      elapsed.push(m * 60 + random.next() * 60);
      topics.push(random.next() < 0.3 ? -1 : Math.floor(random.next() * 3));
    }
    for (const b of bursts) {
      if (m < b.minute || m >= b.minute + b.minutes) continue;
      for (let i = 0; i < b.perMinute; i++) {
        elapsed.push(m * 60 + random.next() * 60);
        topics.push(b.topic);
      }
    }
  }
  const order = elapsed.map((_, i) => i).sort((a, b) => elapsed[a]! - elapsed[b]!);
  const terms = Array.from({ length: 10 }, (_, t) => [
    { term: `mot${t}a`, score: 0.5 },
    { term: `mot${t}b`, score: 0.3 },
    { term: `mot${t}c`, score: 0.2 },
    { term: `mot${t}d`, score: 0.1 },
  ]);
  return {
    elapsed: order.map((i) => elapsed[i]!),
    topics: order.map((i) => topics[i]!),
    texts: order.map((i) => `message ${i}`),
    terms,
  };
}

describe('highlights', () => {
  it('finds the planted bursts, in time order, with their peak, their messages and the topic that drove them', () => {
    const input = stream(120, 30, [
      { minute: 20, minutes: 3, perMinute: 90, topic: 7 },
      { minute: 70, minutes: 2, perMinute: 60, topic: 5 },
    ]);
    const found = highlights(input);
    expect(found).toHaveLength(2);
    for (const h of found) expect(() => HighlightSchema.parse(h)).not.toThrow();
    const [first, second] = found;
    expect(first!.id).toBe(0);
    expect(first!.startElapsed).toBeGreaterThanOrEqual(20 * 60);
    expect(first!.endElapsed).toBeLessThan(23 * 60);
    expect(first!.peakRate).toBeGreaterThanOrEqual(110);
    const inside = input.elapsed.filter((t) => t >= first!.startElapsed && t <= first!.endElapsed).length;
    expect(first!.messages).toBe(inside);
    expect(first!.topics[0]!.topic).toBe(7);
    expect(first!.topics[0]!.share).toBeGreaterThan(0.6);
    expect(first!.topics.map((t) => t.share)).toEqual([...first!.topics.map((t) => t.share)].sort((a, b) => b - a));
    expect(first!.label).toBe('mot7a, mot7b, mot7c');
    expect(second!.topics[0]!.topic).toBe(5);
    expect(second!.startElapsed).toBeGreaterThanOrEqual(70 * 60);
  });

  it('finds none in a flat stream, nor in one too short to have a typical rate', () => {
    expect(highlights(stream(180, 30, []))).toEqual([]);
    expect(highlights(stream(180, 4, [], 5))).toEqual([]);
    expect(highlights(stream(3, 30, [{ minute: 1, minutes: 1, perMinute: 200, topic: 1 }]))).toEqual([]);
    expect(highlights({ elapsed: [], topics: [], texts: [], terms: [] })).toEqual([]);
  });

  it('joins bursting minutes one quiet minute apart into one highlight', () => {
    const found = highlights(
      stream(60, 30, [
        { minute: 10, minutes: 1, perMinute: 100, topic: 1 },
        { minute: 12, minutes: 1, perMinute: 100, topic: 1 },
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.endElapsed - found[0]!.startElapsed).toBeGreaterThan(120);
  });

  it('keeps the largest 20 of many bursts, in time order', () => {
    const bursts = Array.from({ length: 30 }, (_, b) => ({
      minute: 5 + b * 6,
      minutes: 1,
      perMinute: 60 + b * 5,
      topic: 1,
    }));
    const found = highlights(stream(200, 20, bursts));
    expect(found).toHaveLength(MAX_HIGHLIGHTS);
    // The 20 largest are the last 20 planted (they grow with b).
    expect(found[0]!.startElapsed).toBeGreaterThanOrEqual((5 + 10 * 6) * 60);
    expect(found.map((h) => h.startElapsed)).toEqual([...found.map((h) => h.startElapsed)].sort((a, b) => a - b));
    expect(found.map((h) => h.id)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('names a burst of noise by its commonest message', () => {
    const elapsed = [
      ...Array.from({ length: 300 }, (_, i) => i * 2),
      ...Array.from({ length: 80 }, (_, i) => 300 + i / 2),
    ];
    const texts = elapsed.map((_, i) => (i >= 300 ? 'GOAL' : `m${i}`));
    const found = highlights({ elapsed, topics: elapsed.map(() => -1), texts, terms: [] });
    expect(found).toHaveLength(1);
    expect(found[0]!.label).toBe('goal');
    expect(found[0]!.topics).toEqual([]);
  });
});

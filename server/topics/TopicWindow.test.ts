import { describe, expect, it } from 'vitest';
import { stableSample, type WindowEntry } from './TopicWindow';

const entry = (i: number): WindowEntry => ({
  seq: i,
  id: `m${i}`,
  text: `message ${i}`,
  user: 'viewer',
  elapsed: i,
  emotes: [],
  vector: new Float32Array(2),
  topic: null,
  moment: null,
  fitted: true,
});
const window = Array.from({ length: 4000 }, (_, i) => entry(i));

describe('stableSample', () => {
  it('returns the window itself when it is not larger than asked', () => {
    expect(stableSample(window, 4000)).toBe(window);
    expect(stableSample(window, Infinity)).toBe(window);
  });

  it('takes about the share asked, spread over the whole window, in order, the newest message included', () => {
    const sample = stableSample(window, 1000);
    expect(sample.length).toBeGreaterThan(900);
    expect(sample.length).toBeLessThan(1100);
    expect(sample.at(-1)).toBe(window.at(-1));
    for (let i = 1; i < sample.length; i++) expect(sample[i]!.seq).toBeGreaterThan(sample[i - 1]!.seq);
    // Each quarter of the window gives about a quarter of the sample.
    for (let q = 0; q < 4; q++) {
      const inQuarter = sample.filter((e) => e.seq >= q * 1000 && e.seq < (q + 1) * 1000).length;
      expect(inQuarter / sample.length).toBeGreaterThan(0.2);
      expect(inQuarter / sample.length).toBeLessThan(0.3);
    }
  });

  it('samples the same messages again as the window moves on, and a smaller share takes a subset of a larger one', () => {
    const first = new Set(stableSample(window, 1000).map((e) => e.id));
    // The window moved on by 500 messages: those still in it were sampled the same way.
    const moved = [...window.slice(500), ...Array.from({ length: 500 }, (_, i) => entry(4000 + i))];
    const next = stableSample(moved, 1000);
    const kept = next.filter((e) => e.seq < 4000 && e.seq !== 3999);
    expect(kept.every((e) => first.has(e.id))).toBe(true);
    expect(kept.length).toBeGreaterThan(0.5 * next.length);
    const small = stableSample(window, 400).slice(0, -1);
    const large = new Set(stableSample(window, 1200).map((e) => e.id));
    expect(small.every((e) => large.has(e.id))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { simulateChat } from '../../server/simulator';
import { BagOfWordsEmbedder } from './BagOfWordsEmbedder';
import { chatWords } from './textFeatures';

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('chatWords', () => {
  it('folds case, accents and letter stretches, and replaces mentions and URLs', () => {
    expect(chatWords("Ouiiiii @Bob_42 c'est ÉNORME KEKW https://x.io/a <3")).toEqual([
      'ouii',
      '<mention>',
      'c',
      'est',
      'enorme',
      'kekw',
      '<url>',
      '<3',
    ]);
  });
});

describe('BagOfWordsEmbedder', () => {
  const bow = new BagOfWordsEmbedder();

  it('gives unit vectors of the requested size, identical for identical text', async () => {
    const [a, b] = await bow.embed(['GG le boss KEKW', 'GG le boss KEKW']);
    expect(a).toHaveLength(256);
    expect(cos(a!, a!)).toBeCloseTo(1, 5);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it('keeps typos, stretches and case close, and unrelated messages apart', () => {
    const ref = bow.embedOne('bonjour tout le monde');
    expect(cos(ref, bow.embedOne('Bonjoru tout le mondeee'))).toBeGreaterThan(0.6);
    expect(cos(ref, bow.embedOne('il est nul ce boss en fait'))).toBeLessThan(0.2);
  });

  it('returns the zero vector for text with nothing to hash, and never throws on odd input', () => {
    expect(bow.embedOne('').every((x) => x === 0)).toBe(true);
    expect(bow.embedOne('\u200b\u200d  \t').every((x) => x === 0)).toBe(true);
    for (const odd of ['\ud800 lone surrogate', '🔥🔥🔥', 'a'.repeat(10_000)]) {
      const v = bow.embedOne(odd);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it('separates simulated topics: nearest-centroid on its vectors beats chance by far', () => {
    const msgs = [...simulateChat({ seed: 11, ratePerSecond: 5, streamId: 's', startedAt: 0, minutes: 60 })].filter(
      (m) => m.topic !== 'noise',
    );
    const fitted = BagOfWordsEmbedder.fit(msgs.map((m) => m.text));
    const train = msgs.filter((_, i) => i % 2 === 0);
    const test = msgs.filter((_, i) => i % 2 === 1);
    const centroids = new Map<string, Float32Array>();
    for (const m of train) {
      const c = centroids.get(m.topic!) ?? new Float32Array(256);
      fitted.embedOne(m.text).forEach((x, i) => (c[i]! += x));
      centroids.set(m.topic!, c);
    }
    let right = 0;
    for (const m of test) {
      const v = fitted.embedOne(m.text);
      let best = '';
      let bestScore = -Infinity;
      for (const [topic, c] of centroids) {
        const s = cos(v, c) / Math.sqrt(cos(c, c));
        if (s > bestScore) [best, bestScore] = [topic, s];
      }
      if (best === m.topic) right++;
    }
    const accuracy = right / test.length;
    expect(centroids.size).toBeGreaterThan(10);
    expect(accuracy).toBeGreaterThan(0.6);
  });

  it('round-trips its fitted IDF and refuses a malformed one', () => {
    const fitted = BagOfWordsEmbedder.fit(['gg', 'gg wp', 'bonjour']);
    const again = new BagOfWordsEmbedder({ idf: JSON.parse(JSON.stringify(fitted.idfJson())) });
    expect(Array.from(again.embedOne('gg bonjour'))).toEqual(Array.from(fitted.embedOne('gg bonjour')));
    expect(() => new BagOfWordsEmbedder({ idf: { version: 2 } as never })).toThrow(/expected \{ version: 1/);
  });
});

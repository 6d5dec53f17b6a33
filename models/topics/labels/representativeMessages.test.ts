import { describe, expect, it } from 'vitest';
import { ChatTermTokenizer } from './ChatTermTokenizer';
import { topicTerms } from './cTfIdf';
import { LabelsError } from './errors';
import { representativeMessages } from './representativeMessages';

const tok = new ChatTermTokenizer();

function fit(texts: string[], labels: number[], nTopics: number, reduceFrequentWords = false) {
  return topicTerms(
    texts.map((t) => tok.terms(t)),
    new Int32Array(labels),
    nTopics,
    { reduceFrequentWords, topN: 1000 },
  );
}

/** Cosine of a message's c-TF-IDF vector with its topic's, computed with Maps from the label terms. */
function referenceSimilarity(result: ReturnType<typeof fit>, text: string, topic: number): number {
  const { model } = result;
  const counts = new Map<string, number>();
  for (const term of tok.terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const topicVector = new Map(result.terms[topic]!.map((t) => [t.term, t.score]));
  let dot = 0;
  let norm = 0;
  for (const [term, c] of counts) {
    const tf = model.reduceFrequentWords ? Math.sqrt(c / total) : c / total;
    const w = tf * model.idf[model.terms.termIndex.get(term)!]!;
    dot += w * (topicVector.get(term) ?? 0);
    norm += w * w;
  }
  const topicNorm = Math.hypot(...topicVector.values());
  return dot / (Math.sqrt(norm) * topicNorm);
}

describe('representativeMessages', () => {
  const texts = [
    'pizza fromage ce soir', // 0: topic 0, the most typical
    'PIZZA FROMAGE ce soir', // 1: same text as 0 but for case
    'une pizza au jambon', // 2
    'pizza', // 3
    'le boss final', // 4: topic 1
    'boss boss boss', // 5
    'pizza et boss', // 6: noise
    'pizza fromage fromage pizza', // 7: topic 0
    'ma voisine aime la pizza', // 8: topic 0, least typical
  ];
  const labels = [0, 0, 0, 0, 1, 1, -1, 0, 0];

  it('returns messages of the topic, most similar first, with distinct texts', () => {
    for (const reduce of [false, true]) {
      const result = fit(texts, labels, 2, reduce);
      const reps = representativeMessages(result, texts, { count: 10 });
      expect(reps).toHaveLength(2);
      for (const [topic, picked] of reps.entries()) {
        for (const i of picked) expect(labels[i]).toBe(topic);
        const keys = picked.map((i) => texts[i]!.toLowerCase());
        expect(new Set(keys).size).toBe(keys.length);
      }
      // messages 0 and 1 differ only by case: one of them, never both
      expect(reps[0]!.filter((i) => i === 0 || i === 1)).toHaveLength(1);
      // the expected order from an independent computation: similarity descending, earlier message on ties
      for (const topic of [0, 1]) {
        const members = labels.flatMap((l, i) => (l === topic ? [i] : []));
        const sim = new Map(members.map((i) => [i, referenceSimilarity(result, texts[i]!, topic)]));
        const expected: number[] = [];
        const seen = new Set<string>();
        for (const i of members.sort((x, y) => sim.get(y)! - sim.get(x)! || x - y)) {
          if (!seen.has(texts[i]!.toLowerCase())) expected.push(i);
          seen.add(texts[i]!.toLowerCase());
        }
        expect(reps[topic]).toEqual(expected);
      }
      expect(reps[0]).toHaveLength(5);
      expect(reps[0]![0]).not.toBe(8); // 'ma voisine aime la pizza' is the least typical
    }
  });

  it('keeps `count` messages at most', () => {
    const reps = representativeMessages(fit(texts, labels, 2), texts, { count: 2 });
    expect(reps.map((r) => r.length)).toEqual([2, 2]);
    expect(representativeMessages(fit(texts, labels, 2), texts, { count: 0 })).toEqual([[], []]);
  });

  it('samples large topics deterministically for a seed', () => {
    const many = Array.from({ length: 60 }, (_, i) => `pizza numero${i} ${i % 3 === 0 ? 'fromage' : 'jambon'}`);
    const manyLabels = many.map(() => 0);
    const model = fit(many, manyLabels, 1);
    const run = (seed: number) => representativeMessages(model, many, { sampleSize: 5, count: 5, seed })[0]!;
    expect(run(7)).toEqual(run(7));
    expect(run(7)).toHaveLength(5);
    // 5 of 60 messages: different seeds must not all draw the same sample
    const samples = new Set(
      [1, 2, 3, 4, 5, 6].map((s) =>
        run(s)
          .slice()
          .sort((a, b) => a - b)
          .join(','),
      ),
    );
    expect(samples.size).toBeGreaterThan(1);
    // the whole topic when it fits in the sample, whatever the seed
    expect(
      representativeMessages(model, many, { sampleSize: 60, count: 60, seed: 1 })[0]!
        .slice()
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('rejects texts that do not match the messages and bad options', () => {
    const model = fit(texts, labels, 2);
    expect(() => representativeMessages(model, texts.slice(1))).toThrow(LabelsError);
    expect(() => representativeMessages(model, texts, { count: -1 })).toThrow(/count/);
    expect(() => representativeMessages(model, texts, { sampleSize: 2.5 })).toThrow(/sampleSize/);
  });
});

import { describe, expect, it } from 'vitest';
import { ChatTermTokenizer } from './ChatTermTokenizer';
import { topicTerms, type TopicTerm } from './cTfIdf';
import { LabelsError } from './errors';

/**
 * Hand-computed example. Classes (messages joined):
 *   noise   : gg, pizza            (total 2)
 *   topic 0 : boss x3, gg          (total 4)
 *   topic 1 : pizza, gg            (total 2)
 * f(boss) = 3, f(gg) = 3, f(pizza) = 2; A = trunc(8 / 3) = 2.
 */
const DOCS = [['boss', 'boss', 'gg'], ['boss'], ['pizza', 'gg'], ['gg', 'pizza']];
const LABELS = new Int32Array([0, 0, 1, -1]);

const asObject = (terms: TopicTerm[]) => Object.fromEntries(terms.map((t) => [t.term, t.score]));

describe('topicTerms on a hand-computed example', () => {
  it('c-TF-IDF: L1 tf times log(1 + A / f)', () => {
    const { terms, model } = topicTerms(DOCS, LABELS, 2);
    expect(model.averageTermsPerClass).toBe(2);
    const t0 = asObject(terms[0]!);
    expect(t0['boss']).toBeCloseTo((3 / 4) * Math.log(1 + 2 / 3), 12);
    expect(t0['gg']).toBeCloseTo((1 / 4) * Math.log(1 + 2 / 3), 12);
    const t1 = asObject(terms[1]!);
    expect(t1['pizza']).toBeCloseTo((1 / 2) * Math.log(1 + 2 / 2), 12);
    expect(t1['gg']).toBeCloseTo((1 / 2) * Math.log(1 + 2 / 3), 12);
    expect(terms[0]!.map((t) => t.term)).toEqual(['boss', 'gg']);
    expect(terms[1]!.map((t) => t.term)).toEqual(['pizza', 'gg']);
  });

  it('reduced frequent words: sqrt(tf)', () => {
    const t0 = asObject(topicTerms(DOCS, LABELS, 2, { reduceFrequentWords: true }).terms[0]!);
    expect(t0['boss']).toBeCloseTo(Math.sqrt(3 / 4) * Math.log(1 + 2 / 3), 12);
    expect(t0['gg']).toBeCloseTo(Math.sqrt(1 / 4) * Math.log(1 + 2 / 3), 12);
  });

  it('BM25: log(1 + (A - f + 0.5) / (f + 0.5)); terms scoring <= 0 are not label terms', () => {
    const { terms, model } = topicTerms(DOCS, LABELS, 2, { weighting: 'bm25' });
    // boss and gg: log(1 + (2 - 3 + 0.5) / 3.5) = log(6 / 7) < 0
    expect(model.idf[model.terms.termIndex.get('boss')!]).toBeCloseTo(Math.log(6 / 7), 12);
    expect(terms[0]).toEqual([]);
    expect(terms[1]!.length).toBe(1);
    expect(terms[1]![0]!.term).toBe('pizza');
    expect(terms[1]![0]!.score).toBeCloseTo((1 / 2) * Math.log(1 + 0.5 / 2.5), 12);
  });

  it('BM25 with reduced frequent words', () => {
    const { terms } = topicTerms(DOCS, LABELS, 2, { weighting: 'bm25', reduceFrequentWords: true });
    expect(terms[1]![0]!.score).toBeCloseTo(Math.sqrt(1 / 2) * Math.log(1 + 0.5 / 2.5), 12);
  });

  it('ignores terms found in fewer messages than minDocumentFrequency, in tf and idf alike', () => {
    // Only gg is in 3 messages: each class has 1 term, A = 1, f(gg) = 3, tf = 1.
    const { terms } = topicTerms(DOCS, LABELS, 2, { minDocumentFrequency: 3 });
    expect(terms[0]!.map((t) => t.term)).toEqual(['gg']);
    expect(terms[0]![0]!.score).toBeCloseTo(Math.log(1 + 1 / 3), 12);
  });

  it('does not count empty topics in A and gives them no terms', () => {
    const { terms, model } = topicTerms(DOCS, LABELS, 4);
    expect(model.averageTermsPerClass).toBe(2);
    expect(terms).toHaveLength(4);
    expect(terms[2]).toEqual([]);
    expect(asObject(terms[0]!)['boss']).toBeCloseTo((3 / 4) * Math.log(1 + 2 / 3), 12);
  });

  it('counts the noise class in A and f but labels only topics', () => {
    // Without the noise message: totals 4 + 2, A = 3, f(gg) = 2, f(pizza) = 1.
    const { terms } = topicTerms(DOCS.slice(0, 3), LABELS.slice(0, 3), 2);
    expect(asObject(terms[1]!)['pizza']).toBeCloseTo((1 / 2) * Math.log(1 + 3 / 1), 12);
    expect(terms).toHaveLength(2);
  });

  it('keeps topN terms, ties broken by term', () => {
    const docs = [['zeta', 'alpha', 'mid', 'mid'], ['other']];
    const { terms } = topicTerms(docs, new Int32Array([0, 1]), 2, { topN: 2 });
    expect(terms[0]!.map((t) => t.term)).toEqual(['mid', 'alpha']);
    expect(topicTerms(docs, new Int32Array([0, 1]), 2, { topN: 0 }).terms[0]).toEqual([]);
  });
});

describe('topicTerms on chat messages', () => {
  it("puts a topic's subject ahead of a word every topic uses, even one used as often", () => {
    const tok = new ChatTermTokenizer();
    const topics = [
      [
        'la pizza du stream',
        'pizza au fromage pendant le stream',
        'stream pizza ce soir',
        'qui commande une pizza stream stream',
      ],
      ['le boss du stream', 'ce boss est dur stream', 'stream boss final', 'on tape le boss stream'],
      ['la musique du stream', 'quelle musique sur ce stream', 'stream musique au top', 'monte la musique stream'],
    ];
    const texts = topics.flat();
    const labels = new Int32Array(topics.flatMap((msgs, t) => msgs.map(() => t)));
    const { terms } = topicTerms(
      texts.map((t) => tok.terms(t)),
      labels,
      3,
    );
    expect(terms.map((t) => t[0]!.term)).toEqual(['pizza', 'boss', 'musique']);
    // "stream" is in topic 0 five times, "pizza" four times, yet it ranks lower.
    const t0 = terms[0]!.map((t) => t.term);
    expect(t0.indexOf('stream')).toBeGreaterThan(t0.indexOf('pizza'));
  });
});

describe('topicTerms input checks', () => {
  it('rejects mismatched lengths, labels out of range and bad options, naming them', () => {
    expect(() => topicTerms(DOCS, new Int32Array(3), 2)).toThrow(LabelsError);
    expect(() => topicTerms(DOCS, new Int32Array([0, 0, 2, -1]), 2)).toThrow(/labels\[2\] = 2/);
    expect(() => topicTerms(DOCS, new Int32Array([0, -2, 1, -1]), 2)).toThrow(/labels\[1\]/);
    expect(() => topicTerms(DOCS, LABELS, -1)).toThrow(/nTopics/);
    expect(() => topicTerms(DOCS, LABELS, 2, { weighting: 'tfidf' as 'bm25' })).toThrow(/weighting/);
    expect(() => topicTerms(DOCS, LABELS, 2, { minDocumentFrequency: 0 })).toThrow(/minDocumentFrequency/);
    expect(() => topicTerms(DOCS, LABELS, 2, { topN: 1.5 })).toThrow(/topN/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../models/embedding/Embedder';
import { FileAnalysisStore } from '../store/FileAnalysisStore';
import { testAnalysis } from '../store/testAnalysis';
import { AnalysisSearch } from './AnalysisSearch';
import { NotSearchableError } from './errors';
import { foldTokens } from './foldTokens';
import { QueryEmbedders } from './QueryEmbedders';

/** A 3-d "embedder": one axis each for football, food and greetings, by keyword. */
function keywordEmbedder(id: string): Embedder & { calls: number } {
  const axes = [/arbitr|penalty|but/i, /pizza|manger/i, /salut|bonjour/i];
  return {
    id,
    dimension: 3,
    calls: 0,
    async embed(texts) {
      this.calls++;
      return texts.map((t) => Float32Array.from(axes, (re) => (re.test(t) ? 1 : 0)));
    },
    async close() {},
  };
}

const MESSAGES = [
  { text: 'salut tout le monde', topic: 0 },
  { text: "L'ARBITRÉ est aveugle", topic: 1 },
  { text: 'penalty pour nous', topic: 1 },
  { text: 'bonjour', topic: 0 },
  { text: "mais l'arbitre, le penalty !", topic: 1 },
  { text: 'on va manger une pizza', topic: -1 },
];

let dir: string;
let store: FileAnalysisStore;
let key: string;
let live: Embedder & { calls: number };

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-search-'));
  store = new FileAnalysisStore(dir);
  live = keywordEmbedder('kw-v1');
  const analysis = testAnalysis('s1', MESSAGES, { modelId: 'kw-v1', dimension: 3 });
  const vectors = await live.embed(MESSAGES.map((m) => m.text));
  key = store.save({ analysis, vectors: Float32Array.from(vectors.flatMap((v) => [...v])), modelSpec: 'kw' }).key;
  live.calls = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const searchWith = (starts: string[] = []) =>
  new AnalysisSearch({
    store,
    queries: new QueryEmbedders({
      live: () => ({ embedder: live, id: live.id }),
      start: async (spec) => {
        starts.push(spec);
        return { embedder: keywordEmbedder('kw-v1'), id: 'kw-v1' };
      },
    }),
  });

describe('foldTokens', () => {
  it('folds case and accents and splits elisions', () => {
    expect(foldTokens("L'ARBITRÉ, encore !")).toEqual(['l', 'arbitre', 'encore']);
  });
});

describe('AnalysisSearch', () => {
  it('finds words whatever their case and accents, most query words first, ties by time', async () => {
    const result = await searchWith().search('s1', key, { q: 'Arbitre PENALTY', mode: 'text', limit: 10 });
    expect(result.messages).toEqual([
      { index: 4, score: 2 },
      { index: 1, score: 1 },
      { index: 2, score: 1 },
    ]);
    expect(result.topics).toEqual([{ topic: 1, score: 1 }]);
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('ranks topics by the share of their messages that match', async () => {
    const result = await searchWith().search('s1', key, { q: 'salut', mode: 'text', limit: 10 });
    expect(result.topics).toEqual([{ topic: 0, score: 0.5 }]);
  });

  it('keeps to the asked time range', async () => {
    const result = await searchWith().search('s1', key, { q: 'penalty', mode: 'text', limit: 10, from: 25, to: 45 });
    expect(result.messages.map((m) => m.index)).toEqual([4]);
  });

  it('ranks by meaning with the live embedder when it made the analysis', async () => {
    const result = await searchWith().search('s1', key, { q: 'le but', mode: 'meaning', limit: 3 });
    expect(result.messages.map((m) => m.index)).toEqual([1, 2, 4]);
    expect(result.messages[0]!.score).toBeCloseTo(1);
    expect(result.topics[0]).toEqual({ topic: 1, score: expect.closeTo(1) });
    expect(live.calls).toBe(1);
  });

  it("starts the analysis' own model once when the live one is another", async () => {
    live = keywordEmbedder('other-v2');
    const starts: string[] = [];
    const search = searchWith(starts);
    await search.search('s1', key, { q: 'pizza', mode: 'meaning', limit: 1 });
    const again = await search.search('s1', key, { q: 'pizza', mode: 'meaning', limit: 1 });
    expect(again.messages).toEqual([{ index: 5, score: expect.closeTo(1) }]);
    expect(starts).toEqual(['kw']);
    expect(live.calls).toBe(0);
  });

  it('refuses a search by meaning of an analysis stored without vectors (a conflict, not a 404)', async () => {
    const bare = store.save({
      analysis: testAnalysis('s1', MESSAGES, { nEpochs: 10 }),
      vectors: null,
      modelSpec: null,
    });
    const search = searchWith().search('s1', bare.key, { q: 'x', mode: 'meaning', limit: 1 });
    await expect(search).rejects.toThrow(NotSearchableError);
    await expect(search).rejects.toThrow('analysis stored without vectors');
  });
});

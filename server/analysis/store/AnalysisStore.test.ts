import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoredAnalysisSchema } from '../../../contracts/http';
import { analysisKey } from './analysisKey';
import { AnalysisStore } from './AnalysisStore';
import { CorruptStoredAnalysisError, StoredAnalysisNotFoundError } from './errors';
import { testAnalysis } from './testAnalysis';

let dir: string;
let store: AnalysisStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-store-'));
  store = new AnalysisStore(path.join(dir, 'analyses'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const doc = (nEpochs = 200) =>
  testAnalysis(
    'chan-20250101-120000',
    [
      { text: 'salut', topic: 0 },
      { text: "l'arbitre", topic: 1 },
    ],
    { nEpochs },
  );

describe('AnalysisStore', () => {
  it('stores a document with its vectors and reads both back, the vectors bit for bit', () => {
    const vectors = Float32Array.from([0.5, -1, 1e-7, 3, 0, 0, 0, Math.PI]);
    const stored = store.save({ analysis: doc(), vectors, modelSpec: 'bow', now: 42 });
    expect(StoredAnalysisSchema.parse(stored)).toEqual(stored);
    expect(stored).toMatchObject({ createdAt: 42, messages: 2, topics: 2, searchable: true, parameters: '' });
    expect(store.read(stored.streamId, stored.key)).toEqual(doc());
    const back = store.readVectors(stored.streamId, stored.key)!;
    expect(back).toMatchObject({ dimension: 4, rows: 2 });
    expect([...back.data]).toEqual([...vectors]);
    expect(store.entry(stored.streamId, stored.key).modelSpec).toBe('bow');
  });

  it('keys by model and parameters: the same run replaces, other parameters add one, listed newest first', () => {
    const a = store.save({ analysis: doc(), vectors: null, modelSpec: null, now: 1 });
    const again = store.save({ analysis: doc(), vectors: null, modelSpec: null, now: 2 });
    const other = store.save({ analysis: doc(50), vectors: null, modelSpec: null, now: 3 });
    expect(again.key).toBe(a.key);
    expect(a.key).toBe(analysisKey('bow-v1', { umap: { nEpochs: 200 } }));
    expect(other.key).not.toBe(a.key);
    expect(other.parameters).toBe('umap.nEpochs 50');
    const { analyses, problems } = store.list('chan-20250101-120000');
    expect(analyses.map((s) => [s.key, s.createdAt])).toEqual([
      [other.key, 3],
      [a.key, 2],
    ]);
    expect(problems).toEqual([]);
    expect(analyses[0]!.searchable).toBe(false);
    expect(store.readVectors('chan-20250101-120000', a.key)).toBeNull();
  });

  it('lists the good analyses around a corrupt one and names the corrupt file when it is read', () => {
    const good = store.save({ analysis: doc(), vectors: null, modelSpec: null });
    const bad = store.save({ analysis: doc(50), vectors: null, modelSpec: null });
    const folder = path.join(dir, 'analyses', 'chan-20250101-120000');
    fs.writeFileSync(path.join(folder, `${bad.key}.json`), '{"version": 4, "topics": [');
    fs.rmSync(path.join(folder, `${bad.key}.summary.json`));
    const { analyses, problems } = store.list('chan-20250101-120000');
    expect(analyses.map((s) => s.key)).toEqual([good.key]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(`${bad.key}.json`);
    expect(() => store.read('chan-20250101-120000', bad.key)).toThrow(CorruptStoredAnalysisError);
    expect(() => store.read('chan-20250101-120000', bad.key)).toThrow(/not valid JSON/);
  });

  it('names the field of a document that parses but is not an analysis', () => {
    const stored = store.save({ analysis: doc(), vectors: null, modelSpec: null });
    const file = path.join(dir, 'analyses', 'chan-20250101-120000', `${stored.key}.json`);
    const broken = { ...doc(), topics: [{ ...doc().topics[0], size: -1 }] };
    fs.writeFileSync(file, JSON.stringify(broken));
    expect(() => store.read(stored.streamId, stored.key)).toThrow(/field topics\.0\.size/);
  });

  it('rebuilds a lost summary from its document', () => {
    const stored = store.save({ analysis: doc(), vectors: null, modelSpec: null });
    fs.rmSync(path.join(dir, 'analyses', 'chan-20250101-120000', `${stored.key}.summary.json`));
    expect(store.list('chan-20250101-120000').analyses.map((s) => s.key)).toEqual([stored.key]);
  });

  it('refuses a truncated vectors file with its name', () => {
    const stored = store.save({ analysis: doc(), vectors: new Float32Array(8), modelSpec: null });
    const file = path.join(dir, 'analyses', 'chan-20250101-120000', `${stored.key}.vectors`);
    fs.truncateSync(file, 20);
    expect(() => store.readVectors(stored.streamId, stored.key)).toThrow(`${stored.key}.vectors`);
  });

  it('answers not found for unknown streams and keys, and for a key that could name another path', () => {
    expect(store.list('nobody')).toEqual({ analyses: [], problems: [] });
    expect(() => store.read('nobody', 'abcdefabcdef')).toThrow(StoredAnalysisNotFoundError);
    expect(() => store.read('..', 'abcdefabcdef')).toThrow(StoredAnalysisNotFoundError);
    expect(() => store.read('chan', '../../x')).toThrow(StoredAnalysisNotFoundError);
  });

  it('refuses vectors that do not match the messages', () => {
    expect(() => store.save({ analysis: doc(), vectors: new Float32Array(7), modelSpec: null })).toThrow(RangeError);
  });
});

describe('AnalysisStore.documentText', () => {
  it('sends a document as stored, and checks it again once it changed on disk', () => {
    const stored = store.save({ analysis: doc(), vectors: null, modelSpec: null });
    expect(JSON.parse(store.documentText(stored.streamId, stored.key))).toEqual(doc());
    const file = path.join(dir, 'analyses', 'chan-20250101-120000', `${stored.key}.json`);
    fs.writeFileSync(file, '{"broken": true, "padding": "so that the size changes too"}');
    expect(() => store.documentText(stored.streamId, stored.key)).toThrow(CorruptStoredAnalysisError);
  });

  it('never stores a document that is not an analysis', () => {
    const broken = { ...doc(), noiseRate: 2 };
    expect(() => store.save({ analysis: broken, vectors: null, modelSpec: null })).toThrow(/noiseRate/);
    expect(store.list(broken.stream.id).analyses).toEqual([]);
  });
});

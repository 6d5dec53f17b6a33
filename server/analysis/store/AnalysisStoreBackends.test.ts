import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoredAnalysisSchema } from '../../../contracts/http';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../../test/support/postgresServer';
import { analysisKey } from './analysisKey';
import type { AnalysisStore } from './AnalysisStore';
import { StoredAnalysisNotFoundError } from './errors';
import { FileAnalysisStore } from './FileAnalysisStore';
import { PgAnalysisStore } from './postgres/PgAnalysisStore';
import { TEST_STREAM, twoMessageAnalysis } from './testAnalysis';

// What every analysis store must do alike: files in a directory (the default) and PostgreSQL (a deployment's shared
// store). What only one of them has (files damaged by hand, a database shared by nodes) is tested beside it.

let postgres: TestPostgres | null = null;
const dirs: string[] = [];

const backends: { name: string; skip: boolean; open: () => Promise<AnalysisStore> }[] = [
  {
    name: 'files',
    skip: false,
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-store-'));
      dirs.push(dir);
      return new FileAnalysisStore(path.join(dir, 'analyses'));
    },
  },
  {
    name: 'PostgreSQL',
    skip: !HAS_POSTGRES,
    open: async () => PgAnalysisStore.open(await postgres!.createDatabase()),
  },
];

beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const STREAM = TEST_STREAM;
const doc = twoMessageAnalysis;

describe.each(backends)('analysis store on $name', ({ skip, open }) => {
  let store: AnalysisStore;

  beforeEach(async (ctx) => {
    if (skip) return ctx.skip();
    store = await open();
  });
  afterEach(() => store?.close());

  it('stores a document with its vectors and reads both back, the vectors bit for bit', () => {
    const vectors = Float32Array.from([0.5, -1, 1e-7, 3, 0, 0, 0, Math.PI]);
    const stored = store.save({ analysis: doc(), vectors, modelSpec: 'bow', now: 42 });
    expect(StoredAnalysisSchema.parse(stored)).toEqual(stored);
    expect(stored).toMatchObject({ createdAt: 42, messages: 2, topics: 2, searchable: true, parameters: '' });
    expect(store.read(stored.streamId, stored.key)).toEqual(doc());
    expect(JSON.parse(store.documentText(stored.streamId, stored.key))).toEqual(doc());
    const back = store.readVectors(stored.streamId, stored.key)!;
    expect(back).toMatchObject({ dimension: 4, rows: 2 });
    expect([...back.data]).toEqual([...vectors]);
    expect(store.entry(stored.streamId, stored.key)).toEqual({ summary: stored, modelSpec: 'bow' });
  });

  it('keys by model and parameters: the same run replaces, other parameters add one, listed newest first', () => {
    const a = store.save({
      analysis: doc(),
      vectors: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
      modelSpec: null,
      now: 1,
    });
    const again = store.save({ analysis: doc(), vectors: null, modelSpec: null, now: 2 });
    const other = store.save({ analysis: doc(50), vectors: null, modelSpec: null, now: 3 });
    expect(again.key).toBe(a.key);
    expect(a.key).toBe(analysisKey('bow-v1', { umap: { nEpochs: 200 } }));
    expect(other.key).not.toBe(a.key);
    expect(other.parameters).toBe('umap.nEpochs 50');
    const { analyses, problems } = store.list(STREAM);
    expect(analyses.map((s) => [s.key, s.createdAt])).toEqual([
      [other.key, 3],
      [a.key, 2],
    ]);
    expect(problems).toEqual([]);
    // Stored again without vectors: the old ones are gone with the old run.
    expect(analyses[1]!.searchable).toBe(false);
    expect(store.readVectors(STREAM, a.key)).toBeNull();
    expect(store.list('chan-other').analyses).toEqual([]);
  });

  it('changes the revision when the same run is stored again, and only then', () => {
    const a = store.save({ analysis: doc(), vectors: null, modelSpec: null, now: 1 });
    const first = store.revision(STREAM, a.key);
    expect(store.revision(STREAM, a.key)).toBe(first);
    const other = store.save({ analysis: doc(50), vectors: null, modelSpec: null, now: 2 });
    expect(store.revision(STREAM, a.key)).toBe(first);
    // A file's revision is its time and size: the same size needs a later time to show.
    const wait = Date.now() + 20;
    while (Date.now() < wait);
    store.save({ analysis: { ...doc(), createdAt: '2030-01-01T00:00:00.000Z' }, vectors: null, modelSpec: null });
    expect(store.revision(STREAM, a.key)).not.toBe(first);
    expect(store.revision(STREAM, other.key)).toBeTruthy();
  });

  it('answers not found for unknown streams and keys, and for what cannot be a key', () => {
    expect(store.list('nobody')).toEqual({ analyses: [], problems: [] });
    const stored = store.save({ analysis: doc(), vectors: null, modelSpec: null });
    for (const [streamId, key] of [
      ['nobody', stored.key],
      [STREAM, 'abcdefabcdef'],
      [STREAM, '../../x'],
    ] as const) {
      expect(() => store.read(streamId, key)).toThrow(StoredAnalysisNotFoundError);
      expect(() => store.documentText(streamId, key)).toThrow(StoredAnalysisNotFoundError);
      expect(() => store.entry(streamId, key)).toThrow(StoredAnalysisNotFoundError);
      expect(() => store.readVectors(streamId, key)).toThrow(StoredAnalysisNotFoundError);
      expect(() => store.revision(streamId, key)).toThrow(StoredAnalysisNotFoundError);
    }
  });

  it('refuses vectors that do not match the messages, and never stores a document that is not an analysis', () => {
    expect(() => store.save({ analysis: doc(), vectors: new Float32Array(7), modelSpec: null })).toThrow(RangeError);
    const broken = { ...doc(), noiseRate: 2 };
    expect(() => store.save({ analysis: broken, vectors: null, modelSpec: null })).toThrow(/noiseRate/);
    expect(store.list(STREAM).analyses).toEqual([]);
  });
});

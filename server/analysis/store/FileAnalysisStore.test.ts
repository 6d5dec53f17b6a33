import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAnalysisStore } from './FileAnalysisStore';
import { CorruptStoredAnalysisError, StoredAnalysisNotFoundError } from './errors';
import { twoMessageAnalysis } from './testAnalysis';

let dir: string;
let store: FileAnalysisStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-store-'));
  store = new FileAnalysisStore(path.join(dir, 'analyses'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const doc = twoMessageAnalysis;

describe('FileAnalysisStore', () => {
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

  it('answers not found for a stream id that could name another folder', () => {
    expect(() => store.read('..', 'abcdefabcdef')).toThrow(StoredAnalysisNotFoundError);
    expect(() => store.read('.', 'abcdefabcdef')).toThrow(StoredAnalysisNotFoundError);
  });
});

describe('FileAnalysisStore.documentText', () => {
  it('sends a document as stored, and checks it again once it changed on disk', () => {
    const stored = store.save({ analysis: doc(), vectors: null, modelSpec: null });
    expect(JSON.parse(store.documentText(stored.streamId, stored.key))).toEqual(doc());
    const file = path.join(dir, 'analyses', 'chan-20250101-120000', `${stored.key}.json`);
    fs.writeFileSync(file, '{"broken": true, "padding": "so that the size changes too"}');
    expect(() => store.documentText(stored.streamId, stored.key)).toThrow(CorruptStoredAnalysisError);
  });
});

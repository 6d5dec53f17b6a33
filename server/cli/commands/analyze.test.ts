import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTopicAnalysis } from '../../../contracts/analysis';
import { captureCliContext } from '../../../test/support/cliContext';
import { runCli } from '../main';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analyze-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const context = (argv: string[]) => captureCliContext(argv, dir);
// Small pipeline settings keep the test fast; the defaults are the reference's.
const FAST = ['--neighbors', '30', '--epochs', '60'];

describe('chat-topics analyze', () => {
  beforeAll(async () => {
    const sim = context([
      'simulate',
      '--minutes',
      '8',
      '--rate',
      '3',
      '--seed',
      '5',
      '--channel',
      'popcorn',
      '--out',
      'sim.jsonl',
    ]);
    expect(await runCli(sim.ctx)).toBe(0);
  });

  it('analyzes a chat file: writes JSON that validates against its type and prints the labelled topics', async () => {
    const run = context(['analyze', 'sim.jsonl', '--json', 'out/analysis.json', '--print', '--messages', '2', ...FAST]);
    expect(await runCli(run.ctx)).toBe(0);
    const analysis = parseTopicAnalysis(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'analysis.json'), 'utf8')));
    expect(analysis.stream.channel).toBe('popcorn');
    // The default embedder is the shipped model.
    expect(analysis.model).toEqual({ id: 'convbert:chat-topics-fr-small@1', kind: 'convbert', dimension: 128 });
    expect(analysis.parameters.umap.nNeighbors).toBe(30);
    expect(analysis.parameters.hdbscan).toEqual({
      minClusterSize: 5,
      minSamples: 1,
      clusterSelectionEpsilon: 0.5,
      clusterSelectionMethod: 'eom',
      maxClusterShare: 0.2,
    });
    expect(analysis.parameters.outliers).toEqual({ attachWithin: 2 });
    expect(analysis.topics.length).toBeGreaterThan(2);
    expect(analysis.timings.map((t) => t.stage)).toEqual(
      expect.arrayContaining(['load', 'embed', 'knn', 'umap', 'hdbscan', 'labels']),
    );
    const out = run.stdout();
    for (const topic of analysis.topics)
      expect(out).toContain(`SUJET ${topic.id} --------------------\n${topic.label}\n`);
    expect(run.stderr()).toMatch(/analyze: \d+ topics, noise \d+\.\d%/);
    expect(fs.existsSync(path.join(dir, 'out', 'analysis.json.partial'))).toBe(false);
  });

  it('analyzes an archived stream by its id, with the time feature off when asked', async () => {
    const imported = context(['import', 'sim.jsonl', '--db', 'a.sqlite']);
    expect(await runCli(imported.ctx)).toBe(0);
    const streamId = /stream: (\S+)/.exec(imported.stdout())![1]!;
    const run = context(['analyze', streamId, '--db', 'a.sqlite', '--no-time', '--json', '-', ...FAST]);
    expect(await runCli(run.ctx)).toBe(0);
    const analysis = parseTopicAnalysis(JSON.parse(run.stdout()));
    expect(analysis.stream.id).toBe(streamId);
    expect(analysis.parameters.time.enabled).toBe(false);
  });

  it('runs another clusterer when --clusterer names it, and records it in the document', async () => {
    const run = context([
      'analyze',
      'sim.jsonl',
      '--model',
      'bow',
      '--clusterer',
      'kmeans:k=6,seed=3',
      '--json',
      '-',
      ...FAST,
    ]);
    expect(await runCli(run.ctx)).toBe(0);
    const analysis = parseTopicAnalysis(JSON.parse(run.stdout()));
    expect(analysis.parameters.clusterer).toEqual({ kind: 'kmeans', k: 6, seed: 3, maxIterations: 100 });
    expect(analysis.stages!.map((s) => `${s.role}:${s.kind}`)).toEqual([
      'embedder:bow',
      'reducer:umap',
      'clusterer:kmeans',
      'labeller:ctfidf',
    ]);
    expect(analysis.topics).toHaveLength(6);
    expect(analysis.topics.every((t) => t.label.length > 0)).toBe(true);
    expect(analysis.counts.noise).toBe(0);
  });

  it('names what is wrong with --clusterer: an unknown kind, a parameter it does not take', async () => {
    const unknown = context(['analyze', 'sim.jsonl', '--clusterer', 'dbscan']);
    expect(await runCli(unknown.ctx)).not.toBe(0);
    expect(unknown.stderr()).toMatch(/--clusterer: unknown kind "dbscan" \(one of: hdbscan, kmeans\)/);
    const misplaced = context(['analyze', 'sim.jsonl', '--clusterer', 'kmeans:k=6,epsilon=2']);
    expect(await runCli(misplaced.ctx)).not.toBe(0);
    expect(misplaced.stderr()).toMatch(/clusterer.*epsilon/);
  });

  it('lays out on worker threads with --umap-threads, and names a bad thread count', async () => {
    const threaded = context(['analyze', 'sim.jsonl', ...FAST, '--umap-threads', '2', '--json', 'threaded.json']);
    expect(await runCli(threaded.ctx)).toBe(0);
    const analysis = parseTopicAnalysis(JSON.parse(fs.readFileSync(path.join(dir, 'threaded.json'), 'utf8')));
    expect(analysis.topics.length).toBeGreaterThan(0);
    const bad = context(['analyze', 'sim.jsonl', '--umap-threads', '0']);
    expect(await runCli(bad.ctx)).not.toBe(0);
    expect(bad.stderr()).toMatch(/--umap-threads: expected an integer from 1 to 64, got "0"/);
  });

  it('names what is wrong: an unknown stream id, a bad parameter', async () => {
    const unknown = context(['analyze', 'no-such-stream', '--db', 'a.sqlite']);
    expect(await runCli(unknown.ctx)).not.toBe(0);
    expect(unknown.stderr()).toMatch(/no file and no archived stream named "no-such-stream"/);
    const bad = context(['analyze', 'sim.jsonl', '--min-cluster-size', '1']);
    expect(await runCli(bad.ctx)).not.toBe(0);
    expect(bad.stderr()).toMatch(/hdbscan\.minClusterSize/);
  });
});

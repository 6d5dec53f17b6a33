import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCliContext } from '../../../test/support/cliContext';
import { FileAnalysisStore } from '../../analysis/store/FileAnalysisStore';
import { runCli } from '../main';

let dir: string;
let streamId: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analyze-save-'));
  const sim = context(['simulate', '--minutes', '4', '--rate', '3', '--seed', '8', '--out', 'sim.jsonl']);
  expect(await runCli(sim.ctx)).toBe(0);
  const imported = context(['import', 'sim.jsonl', '--data-dir', 'data']);
  expect(await runCli(imported.ctx)).toBe(0);
  streamId = /stream: (\S+)/.exec(imported.stdout())![1]!;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const context = (argv: string[]) => captureCliContext(argv, dir);
const FAST = ['--model', 'bow', '--neighbors', '15', '--epochs', '40'];

describe('chat-topics analyze --save', () => {
  it('stores an archived stream’s analysis with its vectors where the server reads them, and prints the key', async () => {
    const run = context(['analyze', streamId, '--save', '--data-dir', 'data', ...FAST]);
    expect(await runCli(run.ctx)).toBe(0);
    const key = run.stdout().trim();
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    const store = new FileAnalysisStore(path.join(dir, 'data', 'analyses'));
    const [stored] = store.list(streamId).analyses;
    expect(stored).toMatchObject({ key, streamId, searchable: true, model: { id: 'bow-v1' } });
    const analysis = store.read(streamId, key);
    expect(store.readVectors(streamId, key)).toMatchObject({ rows: analysis.messages.length, dimension: 256 });
    expect(store.entry(streamId, key).modelSpec).toBe('bow');
  }, 60_000);

  it('refuses a chat file with a usage error that says to import it first', async () => {
    const run = context(['analyze', 'sim.jsonl', '--save', '--data-dir', 'data', ...FAST]);
    expect(await runCli(run.ctx)).toBe(1);
    expect(run.stderr()).toContain('import it first');
  });
});

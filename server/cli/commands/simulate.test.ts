import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { captureCliContext } from '../../../test/support/cliContext';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../errors';
import { parseSimulateFlags, simulateCommand } from './simulate';

const dir = mkdtempSync(path.join(tmpdir(), 'simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = (argv: string[]) => captureCliContext(argv, dir);

describe('chat-topics simulate', () => {
  it('has defaults: 30 minutes, 5 msg/s, seed 1, channel demo', () => {
    expect(parseSimulateFlags([])).toMatchObject({
      minutes: 30,
      ratePerSecond: 5,
      seed: 1,
      channel: 'demo',
      streamId: 'sim-demo-1',
      out: null,
    });
    expect(parseSimulateFlags(['--channel', '#Zevent', '--seed', '7', '--start', '1700000000000'])).toMatchObject({
      channel: 'zevent',
      streamId: 'sim-zevent-7',
      startedAt: 1_700_000_000_000,
    });
  });

  it('names the bad flag', () => {
    const cases: [string[], RegExp][] = [
      [['--minutes', 'abc'], /--minutes/],
      [['--minutes', '0'], /--minutes/],
      [['--rate', '-2'], /--rate/],
      [['--seed', '1.5'], /--seed/],
      [['--channel', 'pas valide'], /--channel/],
      [['--start', 'hier'], /--start/],
      [['--bogus'], /bogus/],
      [['extra'], /extra/],
    ];
    for (const [argv, re] of cases) {
      expect(() => parseSimulateFlags(argv)).toThrow(UsageError);
      expect(() => parseSimulateFlags(argv)).toThrow(re);
    }
  });

  it('writes JSONL to stdout, the same for the same flags', async () => {
    const a = context(['--minutes', '1', '--rate', '3', '--seed', '4']);
    expect(await simulateCommand.run(a.ctx)).toBe(0);
    const lines = a.stdout().trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      kind: 'stream',
      version: 1,
      stream: { source: 'simulator', channel: 'demo' },
    });
    expect(lines.length).toBeGreaterThan(30);
    expect(JSON.parse(lines[1]!)).toMatchObject({ kind: 'message', streamId: 'sim-demo-4' });
    const b = context(['--minutes', '1', '--rate', '3', '--seed', '4']);
    await simulateCommand.run(b.ctx);
    expect(b.stdout()).toBe(a.stdout());
  });

  it('writes to --out relative to the working directory', async () => {
    const c = context(['--minutes', '2', '--out', 'sim.jsonl', '--channel', 'machaine']);
    expect(await simulateCommand.run(c.ctx)).toBe(0);
    expect(c.stdout()).toBe('');
    expect(c.stderr()).toMatch(/wrote \d+ messages to sim\.jsonl/);
    const lines = readFileSync(path.join(dir, 'sim.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!).stream.channel).toBe('machaine');
    expect(lines.length).toBeGreaterThan(300);
  });

  it('fails cleanly when the output cannot be written', async () => {
    const c = context(['--minutes', '1', '--out', path.join('missing-dir', 'x.jsonl')]);
    await expect(simulateCommand.run(c.ctx)).rejects.toThrow(/ENOENT/);
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCliContext } from '../../../test/support/cliContext';
import { UsageError } from '../../errors';
import { modelCommand } from './model';
import { trainCommand } from './train';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'train-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = (argv: string[]) => captureCliContext(argv, dir);

describe('chat-topics train', () => {
  it('trains cpu-tiny on simulated chat and a line file in a child, prints progress and metrics, installs and copies a model that model info accepts', async () => {
    writeFileSync(
      path.join(dir, 'lines.txt'),
      Array.from({ length: 40 }, (_, i) => `message numéro ${i} du chat`).join('\n'),
    );
    const run = context(
      [
        'train',
        '--preset',
        'cpu-tiny',
        '--simulator',
        '400',
        '--line-files',
        'lines.txt',
        '--seed',
        '2',
        '--set',
        'simcse.steps=4',
        '--data-dir',
        'data',
        '--out',
        'trained',
        '--promote',
      ].slice(1),
    );
    expect(await trainCommand.run(run.ctx)).toBe(0);
    const stdout = run.stdout();
    expect(stdout).toMatch(/^job job-[0-9a-f]{6}: preset cpu-tiny$/m);
    expect(stdout).toMatch(/^\[pretrain 2\/4\] step \d+\/12 {2}loss \d+\.\d{4} {2}lr /m);
    expect(stdout).toMatch(/^simcse: 4 steps in /m);
    const id = /^model (chat-topics-cpu-tiny@\S+) installed in /m.exec(stdout)?.[1];
    expect(id).toBeDefined();
    expect(stdout).toContain(`active model: ${id}`);
    expect(run.stderr()).toMatch(/corpus: 440 messages \(archive 0, files 0, line files 40, simulator 400/);

    const info = context(['info', 'trained']);
    expect(await modelCommand.run(info.ctx)).toBe(0);
    expect(info.stdout()).toContain(`id: convbert:${id}`);
    expect(info.stdout()).toMatch(/source: training cpu-tiny/);

    const list = context(['list', '--data-dir', 'data']);
    expect(await modelCommand.run(list.ctx)).toBe(0);
    expect(list.stdout()).toContain(`* ${id}  training (cpu-tiny)`);
    expect(list.stdout()).toMatch(/ {6}mlm: 12 steps, loss \d/);

    const rollback = context(['rollback', '--data-dir', 'data']);
    expect(await modelCommand.run(rollback.ctx)).toBe(0);
    expect(rollback.stdout()).toMatch(/^active: \(none: the configured embedder\)/);
    await expect(modelCommand.run(context(['rollback', '--data-dir', 'data']).ctx)).rejects.toThrow(
      /nothing to roll back/,
    );
    expect(await modelCommand.run(context(['promote', id!, '--data-dir', 'data']).ctx)).toBe(0);
    await expect(modelCommand.run(context(['promote', 'ghost@1', '--data-dir', 'data']).ctx)).rejects.toThrow(
      /no model "ghost@1"/,
    );
    // The job's checkpoints are gone once the model is installed.
    const jobDirs = readdirSync(path.join(dir, 'data', 'training'));
    expect(jobDirs).toHaveLength(1);
    expect(existsSync(path.join(dir, 'data', 'training', jobDirs[0]!, 'work'))).toBe(false);
  });

  it('refuses bad flags before starting anything', async () => {
    await expect(trainCommand.run(context(['--simulator', '10']).ctx)).rejects.toThrow(UsageError);
    await expect(
      trainCommand.run(context(['--preset', 'cpu-tiny', '--stages', 'tokenizer,finetune']).ctx),
    ).rejects.toThrow(/unknown stage "finetune"/);
    await expect(trainCommand.run(context(['--preset', 'cpu-tiny', '--from', 'yesterday']).ctx)).rejects.toThrow(
      /--from/,
    );
    await expect(
      trainCommand.run(context(['--preset', 'cpu-tiny', '--set', 'nokey', '--data-dir', 'bad']).ctx),
    ).rejects.toThrow(/key=value/);
    await expect(
      trainCommand.run(context(['--preset', 'gpu-huge', '--simulator', '10', '--data-dir', 'bad']).ctx),
    ).rejects.toThrow(/gpu-huge/);
  });
});

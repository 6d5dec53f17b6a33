import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../../../models/bow/BagOfWordsEmbedder';
import { ConvBertEmbedder } from '../../../models/embedding/ConvBertEmbedder';
import {
  CONVBERT_TINY,
  convBertTinyCases,
  importTinyModels,
  maxAbsDiff,
  type TinyModels,
} from '../../../models/embedding/testing/tinyConvBertModel';
import { captureCliContext } from '../../../test/support/cliContext';
import { UsageError } from '../../errors';
import { runCli } from '../main';
import { embedCommand } from './embed';

let dir: string;
let models: TinyModels;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embed-cli-'));
  models = importTinyModels();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  models?.remove();
});

const context = (argv: string[], env: Record<string, string> = {}) => captureCliContext(argv, dir, env);
const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { index: number; text?: string; vector: number[] });

describe('chat-topics embed', () => {
  it('--ids with the imported convbert-tiny reproduces HF unpadded[i].cls for each fixture row', async () => {
    const run = context([
      'embed',
      '--model',
      models.idsOnly,
      '--ids',
      path.join(CONVBERT_TINY, 'inputs.json'),
      '--threads',
      '1',
    ]);
    expect(await runCli(run.ctx)).toBe(0);
    const lines = jsonLines(run.stdout());
    const cases = convBertTinyCases();
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2]);
    lines.forEach((line, i) => {
      expect(line.text).toBeUndefined();
      expect(maxAbsDiff(line.vector, cases[i]!.cls)).toBeLessThan(1e-4);
    });
    expect(run.stderr()).toMatch(/^embed: convbert:tiny-ids@1, 32-d, onnxruntime cpu, 1 thread, in a worker thread\n/);
  });

  it('writes one JSON line per input line (blank and CRLF lines included) with the full float32 values', async () => {
    fs.writeFileSync(
      path.join(dir, 'chat.txt'),
      '\ufeffsalut tout le monde\r\n\nGG WP\nsalut tout le monde\nlast line, no newline',
    );
    const run = context(['embed', '--model', 'bow', '--input', 'chat.txt']);
    expect(await runCli(run.ctx)).toBe(0);
    const lines = jsonLines(run.stdout());
    const texts = ['salut tout le monde', '', 'GG WP', 'salut tout le monde', 'last line, no newline'];
    expect(lines.map((l) => [l.index, l.text])).toEqual(texts.map((t, i) => [i, t]));
    const bow = new BagOfWordsEmbedder();
    lines.forEach((l, i) => expect(Float32Array.from(l.vector)).toEqual(bow.embedOne(texts[i]!)));
    // Written in full: each number reads back as exactly the float32 it was.
    expect(lines[0]!.vector.every((x) => Math.fround(x) === x)).toBe(true);
    expect(run.stderr()).toBe('embed: bow-v1, 256-d, bag-of-words baseline, in-process\n');
  });

  it('reads stdin in chunks and writes --output, with the model from CHAT_TOPICS_EMBED_MODEL', async () => {
    const texts = Array.from({ length: 2500 }, (_, i) => `message ${i % 300} du chat`);
    const run = context(['embed', '--output', 'out.jsonl'], { CHAT_TOPICS_EMBED_MODEL: 'bow' });
    const stdin = Readable.from([texts.join('\n') + '\n']);
    expect(await embedCommand.run({ ...run.ctx, argv: ['--output', 'out.jsonl'], stdin })).toBe(0);
    const lines = jsonLines(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8'));
    expect(lines).toHaveLength(2500);
    expect(lines[2499]).toMatchObject({ index: 2499, text: texts[2499] });
    expect(Float32Array.from(lines[1234]!.vector)).toEqual(new BagOfWordsEmbedder().embedOne(texts[1234]!));
    expect(run.stderr()).toContain('embed: wrote 2500 vectors to out.jsonl\n');
    expect(run.stdout()).toBe('');
  });

  it('embeds text with a model directory in a worker, as the in-process model does', async () => {
    fs.writeFileSync(path.join(dir, 'few.txt'), 'salut les gars\n@bob regarde\n😀\n');
    const run = context(['embed', '--model', models.withTokenizer, '--input', 'few.txt']);
    expect(await runCli(run.ctx)).toBe(0);
    const lines = jsonLines(run.stdout());
    expect(lines.map((l) => l.text)).toEqual(['salut les gars', '@bob regarde', '😀']);
    const local = await ConvBertEmbedder.fromDir(models.withTokenizer, { threads: 1 });
    const expected = await local.embed(['salut les gars', '@bob regarde', '😀']).finally(() => local.close());
    lines.forEach((l, i) => expect(maxAbsDiff(l.vector, expected[i]!)).toBe(0));
  });

  it('refuses what it cannot do, with clear messages and exit status 1', async () => {
    const inputs = path.join(CONVBERT_TINY, 'inputs.json');
    await expect(embedCommand.run(context(['--model', 'bow', '--ids', inputs]).ctx)).rejects.toThrow(
      new UsageError('--ids: the bag-of-words baseline embeds text, not token ids; pass --model <model directory>'),
    );
    const cases: [string[], RegExp][] = [
      [['embed', '--model', 'no-such-dir', '--input', 'x.txt'], /^chat-topics embed: --input: no such file "x.txt"\n$/],
      [
        ['embed', '--model', 'no-such-dir'],
        /^chat-topics embed: model "no-such-dir": not "bow", not an http\(s\) URL, no such directory, and no built-in model of that name\n$/,
      ],
      [
        ['embed', '--model', models.withTokenizer, '--ids', 'bad-ids.json'],
        /^chat-topics embed: bad-ids\.json: input_ids\[1\]\[2\] must be an integer\n$/,
      ],
      [
        ['embed', '--model', models.withTokenizer, '--ids', 'big-ids.json'],
        /token id 500 is outside the vocab \[0, 120\)\n$/,
      ],
      [['embed', '--threads', 'many'], /^chat-topics embed: --threads: expected a number, got "many"\n$/],
    ];
    fs.writeFileSync(
      path.join(dir, 'bad-ids.json'),
      JSON.stringify({
        input_ids: [
          [1, 2],
          [3, 4, 'x'],
        ],
        attention_mask: [
          [1, 1],
          [1, 1, 1],
        ],
      }),
    );
    fs.writeFileSync(path.join(dir, 'big-ids.json'), JSON.stringify([[10, 500, 8]]));
    for (const [argv, error] of cases) {
      const run = context(argv);
      expect(await runCli(run.ctx)).toBe(1);
      expect(run.stderr()).toMatch(error);
      expect(run.stdout()).toBe('');
    }
  });
});

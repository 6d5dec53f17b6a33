import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../models/checkpoint/testing/fixtures';
import { BUILTIN_MODELS_ROOT } from '../../../models/embedding/createEmbedder';
import { ConvBertEmbedder } from '../../../models/embedding/ConvBertEmbedder';
import { loadModelDir } from '../../../models/format';
import { maxAbsDiff } from '../../../models/format/testing/modelFixtures';
import { hfFolder } from '../../../models/format/testing/modelFixtures';
import { tinyTokenizerJson } from '../../../models/format/testing/tinyTokenizer';
import { startFakeHub } from '../../../models/hub/testing/fakeHub';
import { captureCliContext } from '../../../test/support/cliContext';
import { UsageError } from '../../errors';
import { runCli } from '../main';
import { modelCommand } from './model';

const BUILTIN_FR_SMALL = path.join(BUILTIN_MODELS_ROOT, 'chat-topics-fr-small');

let dir: string;
let hub: Awaited<ReturnType<typeof startFakeHub>>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-cli-'));
  const stRepo = hfFolder(path.join(dir, 'st-repo'), 'convbert-tiny', ['config.json', 'model.safetensors'], {
    'modules.json': [
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
    ],
    '1_Pooling/config.json': { word_embedding_dimension: 32, pooling_mode_mean_tokens: true },
    'tokenizer.json': tinyTokenizerJson(120),
  });
  hub = await startFakeHub({ 'lincoln/tiny-simcse': { dir: stRepo, token: 'hf_ok', commit: 'c'.repeat(40) } });
});
afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

const context = (argv: string[], env: Record<string, string> = {}) => captureCliContext(argv, dir, env);
const hubTempDirs = () => readdirSync(os.tmpdir()).filter((e) => e.startsWith('chat-topics-hub-'));

describe('chat-topics model', () => {
  it('imports a local HF folder, says what it read (no tokenizer: ids only), and info verifies it', async () => {
    const run = context(['import', fixturePath('convbert-tiny'), '--out', 'models/tiny', '--name', 'tiny']);
    expect(await modelCommand.run(run.ctx)).toBe(0);
    const out = run.stdout();
    expect(out).toContain('(transformers layout)');
    expect(out).toMatch(/weights: model\.safetensors: encoder \(\d+ tensors\) \+ MLM head \(5 tensors\)/);
    expect(out).toContain('architecture: ConvBERT hidden 32, 2 layers, 4 heads (head_ratio 2), embedding 16');
    expect(out).toContain('pooling: cls (default)');
    expect(out).toContain('max tokens: 64 (default)');
    expect(out).toContain('tokenizer: none: this model embeds token ids only');
    expect(out).toContain(`wrote: ${path.join(dir, 'models', 'tiny')}`);
    expect(out).toMatch(/model\.onnx +onnx +[\d.]+ KiB +sha256 [0-9a-f]{16}…/);
    expect(out).toContain('id: convbert:tiny@1');

    const info = context(['info', 'models/tiny']);
    expect(await modelCommand.run(info.ctx)).toBe(0);
    expect(info.stdout()).toContain('id: convbert:tiny@1\n');
    expect(info.stdout()).toContain('source: huggingface-dir convbert-tiny\n');
    expect(info.stdout()).toContain('files (sizes and sha256 verified):');
    expect(info.stdout()).toContain('mlm head: yes');

    const json = context(['info', 'models/tiny', '--json', '--verify', 'size']);
    expect(await modelCommand.run(json.ctx)).toBe(0);
    expect(JSON.parse(json.stdout())).toMatchObject({
      id: 'convbert:tiny@1',
      manifest: { pooling: 'cls', tokenizer: null },
    });
  });

  it('applies --tokenizer, --pooling, --max-tokens, --version and refuses an existing output without --overwrite', async () => {
    writeFileSync(path.join(dir, 'tok.json'), tinyTokenizerJson(120));
    const argv = [
      'import',
      fixturePath('convbert-tiny-groups2'),
      '--out',
      'models/g2',
      '--tokenizer',
      'tok.json',
      '--pooling',
      'mean',
      '--max-tokens',
      '48',
      '--version',
      '7',
    ];
    const run = context(argv);
    expect(await modelCommand.run(run.ctx)).toBe(0);
    expect(run.stdout()).toContain(`tokenizer: ${path.join(dir, 'tok.json')} (120 ids), preprocess chat`);
    expect(run.stdout()).toContain('pooling: mean (option)');
    expect(run.stdout()).toContain('max tokens: 48 (option)');
    expect(run.stdout()).toContain('id: convbert:convbert-tiny-groups2@7');

    const again = context(argv);
    expect(await runCli({ ...again.ctx, argv: ['model', ...argv] })).toBe(1);
    expect(again.stderr()).toMatch(
      /^chat-topics model: .*models\/g2: exists and is not empty: pass overwrite \(--overwrite\)/,
    );
    const replaced = context([...argv, '--overwrite', '--version', '8']);
    expect(await modelCommand.run(replaced.ctx)).toBe(0);
    expect(replaced.stdout()).toContain('id: convbert:convbert-tiny-groups2@8');
  });

  it('downloads owner/repo from the hub (env endpoint and token), imports it and removes the download', async () => {
    const before = hubTempDirs();
    const env = { CHAT_TOPICS_HF_ENDPOINT: hub.endpoint, HF_TOKEN: 'hf_ok' };
    const run = context(['import', 'lincoln/tiny-simcse', '--out', 'models/hub'], env);
    expect(await modelCommand.run(run.ctx)).toBe(0);
    expect(run.stderr()).toContain(`downloading lincoln/tiny-simcse@main from ${hub.endpoint}`);
    expect(run.stderr()).toMatch(/ {2}model\.safetensors \([\d.]+ KiB\)\n/);
    expect(run.stdout()).toContain(`read: lincoln/tiny-simcse@${'c'.repeat(40)}`);
    expect(run.stdout()).toContain('(sentence-transformers layout)');
    expect(run.stdout()).toContain('pooling: mean (1_Pooling/config.json)');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'models', 'hub', 'manifest.json'), 'utf8'));
    expect(manifest.source).toEqual({ kind: 'huggingface-hub', ref: 'lincoln/tiny-simcse', revision: 'c'.repeat(40) });
    expect(manifest.name).toBe('tiny-simcse');
    expect(hubTempDirs()).toEqual(before);
  });

  it('fails with the hub error (set HF_TOKEN), leaving no output and no download behind', async () => {
    const before = hubTempDirs();
    const run = context([
      'model',
      'import',
      'lincoln/tiny-simcse',
      '--out',
      'models/denied',
      '--hub-endpoint',
      hub.endpoint,
    ]);
    expect(await runCli(run.ctx)).toBe(1);
    expect(run.stderr()).toMatch(
      /^chat-topics model: http:\/\/127\.0\.0\.1:\d+\/lincoln\/tiny-simcse\/resolve\/main\/modules\.json: HTTP 401 .*set HF_TOKEN/m,
    );
    expect(existsSync(path.join(dir, 'models', 'denied'))).toBe(false);
    expect(hubTempDirs()).toEqual(before);
  });

  it('info exits 1 naming the damaged file of a corrupt model', async () => {
    const copy = path.join(dir, 'models', 'corrupt');
    cpSync(path.join(dir, 'models', 'tiny'), copy, { recursive: true });
    const onnx = readFileSync(path.join(copy, 'model.onnx'));
    onnx.writeUInt8(onnx.readUInt8(100) ^ 0xff, 100);
    writeFileSync(path.join(copy, 'model.onnx'), onnx);
    const run = context(['model', 'info', 'models/corrupt']);
    expect(await runCli(run.ctx)).toBe(1);
    expect(run.stderr()).toMatch(
      /^chat-topics model: .*models\/corrupt\/model\.onnx: sha256 .* partial or corrupt model\n$/,
    );
    expect(run.stdout()).toBe('');
  });

  it('names bad usage', async () => {
    const usage: [string[], RegExp][] = [
      [[], /expected a subcommand/],
      [['publish'], /unknown subcommand "publish"/],
      [['export', 'chat-topics-fr-small'], /expected a model and an output folder, got 1/],
      [['export', 'chat-topics-fr-small', 'x', '--format', 'onnx'], /--format: expected hf, got "onnx"/],
      [['export', 'no-such-model', 'x'], /no-such-model: no such directory, no shipped model of that name/],
      [['import', fixturePath('convbert-tiny')], /--out <dir> is required/],
      [
        ['import', fixturePath('convbert-tiny'), '--out', 'x', '--pooling', 'max'],
        /--pooling: expected cls or mean, got "max"/,
      ],
      [
        ['import', fixturePath('convbert-tiny'), '--out', 'x', '--max-tokens', '12.5'],
        /--max-tokens: expected an integer/,
      ],
      [['import', './not-here', '--out', 'x'], /not-here: no such folder, and not a hub repo id/],
      [['import', fixturePath('convbert-tiny', 'config.json'), '--out', 'x'], /is not a directory/],
      [['info'], /expected a model directory/],
      [['info', 'models/tiny', '--verify', 'maybe'], /--verify: expected full or size/],
    ];
    for (const [argv, message] of usage) {
      const error = await modelCommand.run(context(argv).ctx).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
    }
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
  });
});

describe('chat-topics model export', () => {
  /** French chat lines, with a mention and a URL (chat preprocessing applies on both sides). */
  const lines = [
    'salut tout le monde',
    'le boss final est trop dur',
    '@bob_42 regarde le clip https://clips.twitch.tv/x',
  ];

  async function embedWith(modelDir: string): Promise<Float32Array[]> {
    const embedder = await ConvBertEmbedder.fromDir(modelDir, { threads: 1 });
    try {
      return await embedder.embed(lines);
    } finally {
      await embedder.close();
    }
  }

  it('exports the shipped model by name in HF layout; model import reads it back to the same vectors', async () => {
    const run = context(['export', 'chat-topics-fr-small', 'hf/fr-small']);
    expect(await modelCommand.run(run.ctx)).toBe(0);
    const out = run.stdout();
    expect(out).toMatch(/^read: convbert:chat-topics-fr-small@1 \(.*models\/trained\/chat-topics-fr-small\)\n/);
    expect(out).toContain('weights: 102 tensors as ConvBertForMaskedLM');
    expect(out).toContain('pooling: cls, max tokens: 64');
    expect(out).toContain('warning: texts are chat-preprocessed here');
    expect(out).toContain(`wrote: ${path.join(dir, 'hf', 'fr-small')} (HuggingFace layout)`);
    expect(out).toMatch(/ {2}model\.safetensors +6\.5 MiB\n/);
    const hf = path.join(dir, 'hf', 'fr-small');
    const shipped = loadModelDir(BUILTIN_FR_SMALL);
    expect(JSON.parse(readFileSync(path.join(hf, 'config.json'), 'utf8'))).toEqual(
      shipped.manifest.architecture.config,
    );

    const back = context(['import', 'hf/fr-small', '--out', 'models/fr-small-back']);
    expect(await modelCommand.run(back.ctx)).toBe(0);
    expect(back.stdout()).toContain('(sentence-transformers layout)');
    expect(back.stdout()).toContain('pooling: cls (1_Pooling/config.json)');
    expect(back.stdout()).toContain('max tokens: 64 (sentence_bert_config.json)');
    const original = await embedWith(BUILTIN_FR_SMALL);
    const reimported = await embedWith(path.join(dir, 'models', 'fr-small-back'));
    original.forEach((v, i) => expect(maxAbsDiff(v, reimported[i]!), lines[i]).toBeLessThanOrEqual(1e-6));
    expect(maxAbsDiff(original[0]!, original[1]!)).toBeGreaterThan(1e-3);
  });

  it('finds a registry version (name@version) and refuses to overwrite a non-empty folder unless --force', async () => {
    const argv = ['model', 'export', 'chat-topics-fr-small@1', 'hf/by-id', '--data-dir', 'data', '--encoder-only'];
    const first = context(argv);
    expect(await runCli(first.ctx)).toBe(0);
    expect(first.stdout()).toContain('weights: 97 tensors as ConvBertModel');

    const again = context(argv);
    expect(await runCli(again.ctx)).toBe(1);
    expect(again.stderr()).toBe(
      `chat-topics model: ${path.join(dir, 'hf', 'by-id', 'config.json')}: the output folder is not empty: pass force (--force) to replace a previous export\n`,
    );
    const forced = context([...argv.filter((a) => a !== '--encoder-only'), '--force']);
    expect(await runCli(forced.ctx)).toBe(0);
    expect(forced.stdout()).toContain('weights: 102 tensors as ConvBertForMaskedLM');
  });
});

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../bow/BagOfWordsEmbedder';
import { ConvBertEmbedder } from './ConvBertEmbedder';
import { EmbedderClosedError, EmbedInputError, EmbedUnsupportedError, EmbedWorkerError } from './errors';
import { convBertTinyCases, importTinyModels, maxAbsDiff } from './testing/tinyConvBertModel';
import { WorkerEmbedder } from './WorkerEmbedder';

const testEmbedders = fileURLToPath(new URL('./testing/workerTestEmbedders.ts', import.meta.url));

describe('WorkerEmbedder with the bag-of-words spec', () => {
  let embedder: WorkerEmbedder;
  beforeAll(async () => {
    embedder = await WorkerEmbedder.start({ kind: 'bow' });
  });
  afterAll(() => embedder.close());

  it('reports what it loaded and gives exactly the in-process vectors', async () => {
    expect(embedder.info).toEqual({ id: 'bow-v1', dimension: 256 });
    const texts = ['salut tout le monde', '', 'GG WP KEKW', '🔥🔥', 'a'.repeat(3000)];
    const fromWorker = await embedder.embed(texts);
    const inProcess = await new BagOfWordsEmbedder().embed(texts);
    expect(fromWorker.map((v) => Array.from(v))).toEqual(inProcess.map((v) => Array.from(v)));
  });

  it('reports its memory, and refuses token ids with a typed error', async () => {
    const memory = await embedder.memory();
    expect(memory.rss).toBeGreaterThan(memory.heapUsed);
    expect(memory.heapUsed).toBeGreaterThan(0);
    expect(memory.arrayBuffers).toBeGreaterThanOrEqual(0);
    await expect(embedder.embedIds([[1, 2, 3]])).rejects.toThrow(
      new EmbedUnsupportedError('bow-v1 embeds texts, not token ids'),
    );
    // The worker goes on after a refused request.
    await expect(embedder.embed(['encore'])).resolves.toHaveLength(1);
  });
});

describe('WorkerEmbedder with a ConvBERT model directory', () => {
  it('reports the model and runtime, and gives the in-process vectors for text and ids', async () => {
    const models = importTinyModels();
    const spec = {
      kind: 'convbert',
      modelDir: models.withTokenizer,
      threads: 1,
      executionProvider: 'cpu',
      maxBatchSize: 4,
    } as const;
    const worker = await WorkerEmbedder.start(spec);
    const local = await ConvBertEmbedder.fromDir(models.withTokenizer, spec);
    try {
      expect(worker.info).toEqual({ id: 'convbert:tiny@1', dimension: 32, executionProvider: 'cpu', threads: 1 });
      const texts = [
        'salut les gars',
        '',
        '@bob regarde ça https://x.io',
        '😀',
        'a \ud800 b \udfff',
        'le boss est trop fort '.repeat(20),
      ];
      const [fromWorker, inProcess] = await Promise.all([worker.embed(texts), local.embed(texts)]);
      fromWorker.forEach((v, i) => expect(maxAbsDiff(v, inProcess[i]!)).toBe(0));
      const cases = convBertTinyCases();
      const ids = await worker.embedIds(
        cases.map((c) => c.ids),
        cases.map((c) => c.typeIds),
      );
      cases.forEach((c, i) => expect(maxAbsDiff(ids[i]!, c.cls)).toBeLessThan(1e-4));
      await expect(worker.embedIds([[10, 999]])).rejects.toThrow(
        new EmbedInputError('row 0, position 1: token id 999 is outside the vocab [0, 120)'),
      );
    } finally {
      await Promise.all([worker.close(), local.close()]);
      models.remove();
    }
  });
});

describe('WorkerEmbedder failures', () => {
  it('rejects start with the worker error for a directory that holds no model', async () => {
    const dir = fileURLToPath(new URL('../../test/fixtures/tokenizer-unigram-tiny', import.meta.url));
    const started = WorkerEmbedder.start({
      kind: 'convbert',
      modelDir: dir,
      threads: 1,
      executionProvider: 'cpu',
      maxBatchSize: 8,
    });
    await expect(started).rejects.toBeInstanceOf(EmbedWorkerError);
    await expect(started).rejects.toThrow(
      /^embed worker could not load model .*tokenizer-unigram-tiny: .*manifest\.json/,
    );
  });

  it('rejects start with the message of an embedder that fails to load', async () => {
    await expect(
      WorkerEmbedder.start({ kind: 'module', modulePath: testEmbedders, exportName: 'failToLoad' }),
    ).rejects.toThrow(/could not load .*workerTestEmbedders\.ts#failToLoad: weights are missing$/);
  });

  it('gives up on a load that takes longer than startTimeoutMs', async () => {
    await expect(
      WorkerEmbedder.start(
        { kind: 'module', modulePath: testEmbedders, exportName: 'hangOnLoad' },
        { startTimeoutMs: 1500 },
      ),
    ).rejects.toThrow(/loading .*#hangOnLoad took longer than 1500 ms/);
  });

  it('fails requests in flight and every later one when the thread crashes, and never hangs', async () => {
    const embedder = await WorkerEmbedder.start({
      kind: 'module',
      modulePath: testEmbedders,
      exportName: 'crashOnDemand',
    });
    await expect(embedder.embed(['fine'])).resolves.toEqual([Float32Array.of(1, 2)]);
    const inFlight = embedder.embed(['crash']);
    await expect(inFlight).rejects.toThrow(/embed worker \(crash-on-demand\) crashed: simulated native crash/);
    expect(embedder.failed).toBe(true);
    await expect(embedder.embed(['fine'])).rejects.toBeInstanceOf(EmbedWorkerError);
    await embedder.exited;
    await embedder.close();
  });

  it('close() ends the thread; later requests fail as closed', async () => {
    const embedder = await WorkerEmbedder.start({ kind: 'bow' });
    const answered = embedder.embed(['sent before close']);
    await embedder.close();
    await expect(answered).resolves.toHaveLength(1);
    await expect(embedder.exited).resolves.toBeTypeOf('number');
    await expect(embedder.embed(['late'])).rejects.toBeInstanceOf(EmbedderClosedError);
    await expect(embedder.memory()).rejects.toBeInstanceOf(EmbedderClosedError);
  });
});

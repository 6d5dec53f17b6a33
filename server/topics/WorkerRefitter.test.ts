import { afterEach, describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { LayoutThreadPool } from '../../models/runtime/LayoutThreadPool';
import { packRows } from '../../models/topics/pipeline';
import { onnxNeighbourSearch } from '../../models/onnx/knn';
import { PARALLEL_LAYOUT_MIN_POINTS } from '../../models/topics/umap/fitUmap';
import { runRefitJob } from './InProcessRefitter';
import { simulateChat } from '../simulator';
import { RefitCancelled, type RefitJob } from './Refitter';
import { WorkerRefitter } from './WorkerRefitter';

let refitter: WorkerRefitter | null = null;
afterEach(async () => {
  await refitter?.close();
  refitter = null;
});

async function job(minutes = 2): Promise<RefitJob> {
  const messages = [
    ...simulateChat({ seed: 3, ratePerSecond: 5, streamId: 's', startedAt: 0, minutes, channel: 'demo' }),
  ].filter((m) => !m.flags.bot && !m.flags.command);
  const embedder = new BagOfWordsEmbedder();
  const vectors = await embedder.embed(messages.map((m) => m.text));
  return {
    vectors: packRows(vectors, embedder.dimension),
    dim: embedder.dimension,
    elapsed: Float64Array.from(messages, (m) => m.elapsed),
    texts: messages.map((m) => m.text),
    emotes: messages.map((m) => m.emotes.map((e) => ({ name: e.name }))),
    params: TopicPipelineParamsSchema.parse({ umap: { nEpochs: 30 } }),
    silhouetteSamplePerTopic: 50,
  };
}

describe('WorkerRefitter', () => {
  it('drops a queued job whose channel closed, and forgets it at once (nothing keeps the channel alive)', async () => {
    refitter = new WorkerRefitter();
    const j = await job();
    await refitter.refit(j); // the worker is up
    const first = refitter.refit(j);
    const closing = new AbortController();
    const second = refitter.refit(j, closing.signal);
    // Both are queued in the worker (the first runs): closing the second's channel cancels it before it runs.
    await new Promise((resolve) => setTimeout(resolve, 5));
    closing.abort();
    await expect(second).rejects.toBeInstanceOf(RefitCancelled);
    expect(refitter['pending'].size).toBe(1);
    const result = await first;
    expect(result.nTopics).toBeGreaterThan(0);
    expect(refitter['pending'].size).toBe(0);
    // The worker skipped it and goes on with the next job.
    const third = await refitter.refit(j);
    expect(third.nTopics).toBe(result.nTopics);
  });

  it('refuses a job whose channel is already closed', async () => {
    refitter = new WorkerRefitter();
    const closed = new AbortController();
    closed.abort();
    await expect(refitter.refit(await job(), closed.signal)).rejects.toBeInstanceOf(RefitCancelled);
  });

  it('lays out on the threads it was given, as a 2-thread pool in this thread does, and on one when the job asks', async () => {
    refitter = new WorkerRefitter({ layoutThreads: 2 });
    // Over PARALLEL_LAYOUT_MIN_POINTS messages: smaller layouts run on one thread whatever the pool.
    const j = await job(5);
    expect(j.texts.length).toBeGreaterThan(PARALLEL_LAYOUT_MIN_POINTS);
    const pool = new LayoutThreadPool({ threads: 2 });
    try {
      const neighbours = onnxNeighbourSearch({ threads: 1 });
      const [inWorker, twoHere, oneHere] = [
        await refitter.refit(j),
        await runRefitJob(j, neighbours, pool),
        await runRefitJob(j, neighbours, null),
      ];
      expect(Array.from(inWorker.layout)).toEqual(Array.from(twoHere.layout));
      // One thread and two give different layouts (the SGD's updates interleave differently).
      expect(Array.from(oneHere.layout)).not.toEqual(Array.from(twoHere.layout));
      const single = await refitter.refit({ ...j, singleThreadLayout: true });
      expect(Array.from(single.layout)).toEqual(Array.from(oneHere.layout));
    } finally {
      await pool.close();
    }
  });
});

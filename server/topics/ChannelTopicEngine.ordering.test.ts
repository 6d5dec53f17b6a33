import { afterEach, describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import type { TopicAssignment, TopicsSnapshot } from '../../contracts/socket-events';
import type { ClusteringResult } from '../../models/topics/pipeline';
import { ChannelTopicEngine, type ChannelTopicEngineDeps, type NeighbourIndexFactory } from './ChannelTopicEngine';
import { InProcessRefitter } from './InProcessRefitter';
import { RefitCancelled, type RefitJob } from './Refitter';
import {
  chatLines,
  clusterable,
  fastParams,
  gate,
  HeldEmbedder,
  HeldRefitter,
  silent,
  manualRefitSettings,
} from './topicTestFixtures';

let engine: ChannelTopicEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** An engine that refits only when told to; what it sends is recorded. */
function start(deps: Partial<ChannelTopicEngineDeps> = {}) {
  const snapshots: TopicsSnapshot[] = [];
  const assigned: TopicAssignment[] = [];
  const refitter = new HeldRefitter();
  engine = new ChannelTopicEngine({
    channel: 'demo',
    embedder: new HeldEmbedder(),
    refitter,
    params: fastParams,
    settings: manualRefitSettings,
    events: { snapshot: (s) => snapshots.push(s), assigned: (_c, a) => assigned.push(...a) },
    logger: silent,
    ...deps,
  });
  return { engine, refitter, snapshots, assigned };
}

/** An engine with a first fit of two minutes of chat, and a second refit started whose result is held back. */
async function withHeldRefit(deps: Partial<ChannelTopicEngineDeps> = {}) {
  const started = start(deps);
  await started.engine.push(clusterable(120));
  await started.engine.refitNow();
  const held = gate();
  started.refitter.held = held.wait;
  const refit = started.engine.refitNow();
  const release = () => {
    started.refitter.held = null;
    held.open();
    return refit;
  };
  return { ...started, release };
}

describe('ChannelTopicEngine ordering', () => {
  it('drops a refit that was running when the clock went back (a replay seek): the reset window is not given old topics', async () => {
    const { engine, refitter, release } = await withHeldRefit();
    await engine.push(chatLines.filter((l) => l.message.elapsed < 20));
    await release();
    const snap = engine.snapshot();
    expect(refitter.jobs).toHaveLength(2);
    expect(snap.refits).toBe(1);
    expect(snap.status).toBe('warming-up');
    expect(snap.topics).toEqual([]);
  });

  it("drops a refit that was running on the old model's vectors when the embedder switched; the next one fits the new vectors", async () => {
    const { engine, refitter, release } = await withHeldRefit();
    await engine.switchEmbedder(new HeldEmbedder(32));
    await release();
    await engine.whenRefitsIdle();
    expect(refitter.jobs.map((j) => j.dim)).toEqual([256, 256, 32]);
    expect(engine.snapshot().refits).toBe(2);
    expect(engine.snapshot().embedder).toBe('bow-cut32');
  });

  it('embeds messages pushed after an embedder switch with the new model only', async () => {
    const oldModel = new HeldEmbedder();
    const { engine } = start({ embedder: oldModel });
    const lines = clusterable(60);
    const held = gate();
    oldModel.held = held.wait;
    const busy = engine.push(lines.slice(0, 20));
    const switching = engine.switchEmbedder(new HeldEmbedder(32));
    const after = engine.push(lines.slice(20, 40));
    oldModel.held = null;
    held.open();
    await Promise.all([busy, switching, after]);
    expect(oldModel.calls.flat()).toEqual(lines.slice(0, 20).map((l) => l.message.text));
    expect(engine.windowEntries().every((e) => e.vector.length === 32)).toBe(true);
  });

  it("cancels a refit waiting in the refitter when the channel closes, and releases the fit's neighbour index", async () => {
    /** Refits in process the first time; then holds the job, as a busy shared worker would, until it is cancelled. */
    class QueueingRefitter extends InProcessRefitter {
      signals: AbortSignal[] = [];
      override async refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult> {
        this.signals.push(signal!);
        if (this.signals.length === 1) return super.refit(job, signal);
        await new Promise((resolve) => signal!.addEventListener('abort', resolve, { once: true }));
        throw new RefitCancelled('refit cancelled: its channel closed');
      }
    }
    let closedIndexes = 0;
    const indexFactory: NeighbourIndexFactory = async () => ({
      search: () => Promise.reject(new Error('unused')),
      close: () => void closedIndexes++,
    });
    const refitter = new QueueingRefitter();
    const { engine, snapshots } = start({ refitter, indexFactory });
    await engine.push(clusterable(120));
    await engine.refitNow();
    await engine.whenIndexReady();
    const queued = engine.refitNow();
    const sent = snapshots.length;
    await engine.close();
    await queued;
    expect(refitter.signals[1]!.aborted).toBe(true);
    expect(closedIndexes).toBe(1);
    expect(engine.snapshot().refits).toBe(1);
    expect(snapshots).toHaveLength(sent);
  });

  it('takes new pipeline parameters at the next refit; a refit running when they change finishes with the old ones', async () => {
    const { engine, refitter, release } = await withHeldRefit();
    const next = TopicPipelineParamsSchema.parse({
      umap: { nEpochs: 60, nComponents: fastParams.umap.nComponents + 1 },
      hdbscan: { minClusterSize: 12 },
    });
    engine.setPipelineParams(next);
    await release();
    await engine.refitNow();
    expect(refitter.jobs.map((j) => j.params)).toEqual([fastParams, fastParams, next]);
    expect(engine.snapshot().refits).toBe(3);
    // The running refit warm-started from the fit before it; the new layout dimension starts afresh.
    expect(refitter.jobs[1]!.initialLayout).toBeDefined();
    expect(refitter.jobs[2]!.initialLayout).toBeUndefined();
  });
});

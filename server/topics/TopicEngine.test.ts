import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInfo, TopicsSnapshot } from '../../contracts/socket-events';
import { TopicEngine } from './TopicEngine';
import { clusterable, fastParams, HeldEmbedder, HeldRefitter, silent, manualRefitSettings } from './topicTestFixtures';

let topics: TopicEngine | null = null;
afterEach(async () => {
  await topics?.close();
  topics = null;
});

/** Engines that refit only when told to, over an in-process refitter that records its jobs. */
function start() {
  const refitter = new HeldRefitter();
  const snapshots: TopicsSnapshot[] = [];
  topics = new TopicEngine({
    embedder: new HeldEmbedder(),
    refitter,
    params: fastParams,
    settings: manualRefitSettings,
    events: { snapshot: (s) => snapshots.push(s), assigned: () => undefined },
    logger: silent,
  });
  return { topics, refitter, snapshots };
}

/** Two minutes of chat into the channel, then one refit; its snapshot. */
async function fitted(topics: TopicEngine, channel: string): Promise<TopicsSnapshot> {
  await topics.engine(channel).push(clusterable(120));
  await topics.engine(channel).refitNow();
  return topics.snapshot(channel);
}

const clustererOf = (snap: TopicsSnapshot) => snap.lastRefit?.pipeline.find((s) => s.role === 'clusterer');
const open = (...keys: string[]) => keys.map((key) => ({ key }) as ChannelInfo);

describe('TopicEngine pipeline parameters', () => {
  it('refits one channel with the clusterer set for it while the others keep the defaults, and records the stages that ran', async () => {
    const { topics, refitter } = start();
    const set = topics.updatePipelineParams('a', { clusterer: { kind: 'kmeans', k: 4 } });
    expect(set.clusterer).toEqual({ kind: 'kmeans', k: 4, seed: 42, maxIterations: 100 });
    expect(set.umap).toEqual(fastParams.umap);

    const a = await fitted(topics, 'a');
    const b = await fitted(topics, 'b');
    expect(refitter.jobs.map((j) => j.params.clusterer.kind)).toEqual(['kmeans', 'hdbscan']);
    expect(clustererOf(a)).toMatchObject({ kind: 'kmeans', parameters: { k: 4 } });
    expect(a.params.clusterer.kind).toBe('kmeans');
    expect(a.topics.filter((t) => t.state !== 'ended').length).toBeLessThanOrEqual(4);
    expect(a.noise).toBe(0);
    expect(clustererOf(b)?.kind).toBe('hdbscan');
    expect(b.params).toEqual(fastParams);
    expect(b.lastRefit!.pipeline.map((s) => s.role)).toEqual(['reducer', 'clusterer', 'labeller']);
  }, 60_000);

  it('keeps a channel’s parameters when it closes and opens again', async () => {
    const { topics, refitter } = start();
    topics.updatePipelineParams('a', { clusterer: { kind: 'kmeans', k: 3 } });
    await fitted(topics, 'a');
    topics.channelsChanged(open());
    expect(topics.pipelineParams('a').clusterer).toMatchObject({ kind: 'kmeans', k: 3 });

    const reopened = await fitted(topics, 'a');
    expect(reopened.refits).toBe(1);
    expect(clustererOf(reopened)).toMatchObject({ kind: 'kmeans', parameters: { k: 3 } });
    expect(refitter.jobs.map((j) => j.params.clusterer.kind)).toEqual(['kmeans', 'kmeans']);
  }, 60_000);

  it('applies a change to an open channel from its next refit on, and tells its subscribers before that refit', async () => {
    const { topics, snapshots } = start();
    expect(clustererOf(await fitted(topics, 'a'))?.kind).toBe('hdbscan');
    const sent = snapshots.length;
    topics.updatePipelineParams('a', { clusterer: { kind: 'kmeans', k: 2 } });
    await expect
      .poll(() => snapshots.slice(sent).some((s) => s.params.clusterer.kind === 'kmeans'), { timeout: 5000 })
      .toBe(true);
    expect(snapshots.slice(sent).every((s) => s.refits === 1)).toBe(true);
    await topics.engine('a').refitNow();
    expect(clustererOf(topics.snapshot('a'))).toMatchObject({ kind: 'kmeans', parameters: { k: 2 } });
  }, 60_000);

  it('refuses bad parameters, naming the field, and keeps the channel’s parameters as they were', () => {
    const { topics } = start();
    expect(() => topics.updatePipelineParams('a', { clusterer: { kind: 'kmeans', k: 0 } })).toThrow(
      /params\.clusterer\.k/,
    );
    expect(topics.pipelineParams('a')).toEqual(fastParams);
  });
});

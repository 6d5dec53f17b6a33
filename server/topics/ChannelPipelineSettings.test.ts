import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { ChannelPipelineSettings } from './ChannelPipelineSettings';

const defaults = TopicPipelineParamsSchema.parse({ umap: { nEpochs: 60 } });

describe('ChannelPipelineSettings', () => {
  it('gives every channel the defaults until its own parameters change, and changes only that channel', () => {
    const settings = new ChannelPipelineSettings({ defaults });
    expect(settings.get('a')).toEqual(defaults);
    const a = settings.update('a', { clusterer: { kind: 'kmeans', k: 4 } });
    expect(settings.get('a')).toEqual(a);
    expect(a.clusterer).toMatchObject({ kind: 'kmeans', k: 4 });
    expect(a.umap.nEpochs).toBe(60);
    expect(settings.get('b')).toEqual(defaults);
  });

  it('applies a change to the channel’s current parameters, or to the defaults on a reset', () => {
    const settings = new ChannelPipelineSettings({ defaults });
    settings.update('a', { clusterer: { kind: 'kmeans', k: 4 } });
    expect(settings.update('a', { hdbscan: { minClusterSize: 30 } })).toMatchObject({
      clusterer: { kind: 'kmeans', k: 4 },
      hdbscan: { minClusterSize: 30 },
    });
    const reset = settings.update('a', { hdbscan: { minClusterSize: 30 } }, { reset: true });
    expect(reset.clusterer).toEqual({ kind: 'hdbscan' });
    expect(reset.hdbscan.minClusterSize).toBe(30);
  });

  it('keeps the previous parameters when a change is refused', () => {
    const settings = new ChannelPipelineSettings({ defaults });
    const before = settings.update('a', { clusterer: { kind: 'kmeans', k: 4 } });
    expect(() => settings.update('a', { clusterer: { kind: 'kmeans', k: 0 } })).toThrow(/params\.clusterer\.k/);
    expect(settings.get('a')).toBe(before);
  });
});

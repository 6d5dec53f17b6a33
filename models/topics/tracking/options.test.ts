import { describe, expect, it } from 'vitest';
import { TopicTrackerError } from './errors';
import { DEFAULT_TOPIC_TRACKER_OPTIONS, resolveTopicTrackerOptions } from './options';

describe('resolveTopicTrackerOptions', () => {
  it('fills in the defaults and keeps given values', () => {
    const resolved = resolveTopicTrackerOptions({ paletteSize: 8 });
    expect(resolved.paletteSize).toBe(8);
    expect(resolved.trendBins).toBe(DEFAULT_TOPIC_TRACKER_OPTIONS.trendBins);
  });

  it('names the option at fault', () => {
    const attempt = (options: object) => () => resolveTopicTrackerOptions(options);
    expect(attempt({ paletteSize: 0 })).toThrow(/paletteSize must be an integer >= 1, got 0/);
    expect(attempt({ minMemberOverlap: 1.5 })).toThrow(/minMemberOverlap/);
    expect(attempt({ fadingRatio: 1 })).toThrow(/fadingRatio/);
    expect(attempt({ trendBins: 3, recentBins: 3 })).toThrow(/recentBins \(3\) must be smaller than trendBins \(3\)/);
    expect(attempt({ trendBinSeconds: Number.NaN })).toThrow(TopicTrackerError);
  });
});

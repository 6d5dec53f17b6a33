import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../../contracts/analysis';
import { longStreamWindow } from './longStreamWindow';

/** n messages evenly over `minutes` stream-minutes. */
const stream = (n: number, minutes: number) => Float64Array.from({ length: n }, (_, i) => (i * minutes * 60) / n);

describe('longStreamWindow', () => {
  const defaults = TopicPipelineParamsSchema.parse({});

  it('keeps one global fit up to 50,000 messages', () => {
    expect(longStreamWindow(stream(50_000, 166), defaults)).toBeUndefined();
  });

  it('windows a longer stream so that a window holds about 10,000 messages, one every half window', () => {
    // 100k messages at 5 msg/s: 300 a minute, 10,000 in 33 minutes.
    expect(longStreamWindow(stream(100_000, 333.3), defaults)).toEqual({ minutes: 33, stepMinutes: 16.5 });
    // Twice the rate: windows half as long.
    expect(longStreamWindow(stream(100_000, 166.7), defaults)).toEqual({ minutes: 17, stepMinutes: 8.5 });
  });

  it('never shortens a window below a minute, whatever the rate', () => {
    expect(longStreamWindow(stream(60_000, 2), defaults)).toEqual({ minutes: 1, stepMinutes: 0.5 });
  });

  it('leaves windows asked for alone, and never windows when told not to', () => {
    const asked = TopicPipelineParamsSchema.parse({ window: { minutes: 10, stepMinutes: 5 } });
    expect(longStreamWindow(stream(100_000, 333), asked)).toBeUndefined();
    const never = TopicPipelineParamsSchema.parse({ longStream: { windowAboveMessages: null } });
    expect(longStreamWindow(stream(100_000, 333), never)).toBeUndefined();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SILENCE_MS, StreamSegmenter, type StreamPosition } from './StreamSegmenter';

const T0 = 1_700_000_000_000;

function segmenter(silenceMs?: number, lastKnown?: (channel: string) => StreamPosition | null) {
  const created: { channel: string; startedAt: number; id: string }[] = [];
  const createStream = vi.fn((channel: string, startedAt: number) => {
    const id = `s${created.length + 1}`;
    created.push({ channel, startedAt, id });
    return id;
  });
  const seg = new StreamSegmenter({ silenceMs, createStream, ...(lastKnown ? { lastKnown } : {}) });
  return { seg, created, createStream };
}

describe('StreamSegmenter', () => {
  it('opens a stream with the first message and counts elapsed seconds from it', () => {
    const { seg, created } = segmenter(60_000);
    expect(seg.assign('chan', T0)).toEqual({ streamId: 's1', elapsed: 0, startedNew: true });
    expect(seg.assign('chan', T0 + 1500)).toEqual({ streamId: 's1', elapsed: 1.5, startedNew: false });
    expect(seg.assign('chan', T0 + 50_000)).toEqual({ streamId: 's1', elapsed: 50, startedNew: false });
    expect(created).toEqual([{ channel: 'chan', startedAt: T0, id: 's1' }]);
  });

  it('starts a new stream after exactly silenceMs of silence, not before', () => {
    const { seg, created } = segmenter(1000);
    seg.assign('chan', T0);
    expect(seg.assign('chan', T0 + 999)).toMatchObject({ streamId: 's1', startedNew: false }); // gap 999
    expect(seg.assign('chan', T0 + 1998)).toMatchObject({ streamId: 's1', startedNew: false, elapsed: 1.998 }); // gap 999
    expect(seg.assign('chan', T0 + 2998)).toEqual({ streamId: 's2', elapsed: 0, startedNew: true }); // gap 1000
    expect(seg.assign('chan', T0 + 3498)).toEqual({ streamId: 's2', elapsed: 0.5, startedNew: false });
    expect(created.map((c) => c.startedAt)).toEqual([T0, T0 + 2998]);
  });

  it('measures silence from the last message, not from the stream start', () => {
    const { seg } = segmenter(1000);
    seg.assign('chan', T0);
    for (let t = 500; t <= 10_000; t += 500) expect(seg.assign('chan', T0 + t).streamId).toBe('s1');
    expect(seg.assign('chan', T0 + 10_000).elapsed).toBe(10);
  });

  it('keeps channels independent', () => {
    const { seg } = segmenter(1000);
    expect(seg.assign('a', T0).streamId).toBe('s1');
    expect(seg.assign('b', T0 + 500).streamId).toBe('s2');
    // b keeps talking; a's silence is still counted from a's own last message.
    expect(seg.assign('b', T0 + 1200)).toMatchObject({ streamId: 's2', elapsed: 0.7 });
    expect(seg.assign('a', T0 + 1200)).toEqual({ streamId: 's3', elapsed: 0, startedNew: true });
    expect(seg.current('b')).toEqual({ streamId: 's2', startedAt: T0 + 500, lastTs: T0 + 1200 });
  });

  it('keeps out-of-order timestamps in the current stream with elapsed clamped at 0', () => {
    const { seg } = segmenter(1000);
    seg.assign('chan', T0);
    seg.assign('chan', T0 + 900);
    expect(seg.assign('chan', T0 - 300)).toEqual({ streamId: 's1', elapsed: 0, startedNew: false });
    expect(seg.assign('chan', T0 + 400)).toEqual({ streamId: 's1', elapsed: 0.4, startedNew: false });
    // lastTs did not move back: T0+900 + 999 is still within the silence.
    expect(seg.assign('chan', T0 + 1899).streamId).toBe('s1');
  });

  it('resumes the persisted stream after a restart within the silence', () => {
    const lastKnown = vi.fn((channel: string) =>
      channel === 'chan' ? { streamId: 'old', startedAt: T0 - 3_600_000, lastTs: T0 - 10_000 } : null,
    );
    const { seg, createStream } = segmenter(60_000, lastKnown);
    expect(seg.assign('chan', T0)).toEqual({ streamId: 'old', elapsed: 3600, startedNew: false });
    expect(seg.assign('chan', T0 + 1000)).toEqual({ streamId: 'old', elapsed: 3601, startedNew: false });
    expect(createStream).not.toHaveBeenCalled();
    expect(lastKnown).toHaveBeenCalledTimes(1);
    // Unknown channel: a new stream.
    expect(seg.assign('other', T0).startedNew).toBe(true);
  });

  it('starts a new stream when the persisted one went silent too long ago (boundary included)', () => {
    const { seg, created } = segmenter(60_000, () => ({
      streamId: 'old',
      startedAt: T0 - 120_000,
      lastTs: T0 - 60_000,
    }));
    expect(seg.assign('chan', T0)).toEqual({ streamId: 's1', elapsed: 0, startedNew: true });
    expect(created).toEqual([{ channel: 'chan', startedAt: T0, id: 's1' }]);

    const { seg: justInside } = segmenter(60_000, () => ({
      streamId: 'old',
      startedAt: T0 - 120_000,
      lastTs: T0 - 59_999,
    }));
    expect(justInside.assign('chan', T0)).toEqual({ streamId: 'old', elapsed: 120, startedNew: false });
  });

  it('defaults to 30 minutes of silence and rejects a non-positive one', () => {
    expect(DEFAULT_SILENCE_MS).toBe(30 * 60_000);
    const { seg } = segmenter(undefined);
    seg.assign('chan', T0);
    expect(seg.assign('chan', T0 + DEFAULT_SILENCE_MS - 1).startedNew).toBe(false);
    expect(seg.assign('chan', T0 + 2 * DEFAULT_SILENCE_MS - 1).startedNew).toBe(true);
    expect(() => segmenter(0)).toThrow(RangeError);
  });

  it('forget() makes the next message consult lastKnown again', () => {
    const lastKnown = vi.fn(() => null);
    const { seg } = segmenter(1000, lastKnown);
    seg.assign('chan', T0);
    seg.forget('chan');
    expect(seg.current('chan')).toBeNull();
    expect(seg.assign('chan', T0 + 10)).toMatchObject({ streamId: 's2', startedNew: true });
    expect(lastKnown).toHaveBeenCalledTimes(2);
  });
});

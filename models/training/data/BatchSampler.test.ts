import { describe, expect, it } from 'vitest';
import { BatchSampler } from './BatchSampler';
import { splitHeldOut } from './CorpusMessage';

describe('BatchSampler', () => {
  it('visits every item once per epoch, reshuffles between epochs, and resumes exactly from its cursor', () => {
    const straight = new BatchSampler(10, 3);
    const first = straight.next(10);
    expect([...first].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    const second = straight.next(10);
    expect(second).not.toEqual(first);
    const tail = straight.next(7);

    const again = new BatchSampler(10, 3);
    again.next(13);
    const resumed = new BatchSampler(10, 3, again.cursor);
    expect(resumed.next(14)).toEqual([...second.slice(3), ...tail]);
  });
});

describe('splitHeldOut', () => {
  it('holds out about the share asked, the same messages on every run and whatever the streams\' order', () => {
    const messages = Array.from({ length: 4000 }, (_, i) => ({ text: `m${i}`, timeMs: i, stream: `s${i % 5}` }));
    const { train, heldOut } = splitHeldOut(messages, 0.1);
    expect(train.length + heldOut.length).toBe(4000);
    expect(heldOut.length / 4000).toBeGreaterThan(0.08);
    expect(heldOut.length / 4000).toBeLessThan(0.12);
    const reordered = splitHeldOut([...messages].sort((a, b) => a.stream.localeCompare(b.stream)), 0.1);
    expect(new Set(reordered.heldOut.map((m) => m.text))).toEqual(new Set(heldOut.map((m) => m.text)));
    expect(splitHeldOut(messages, 0).heldOut).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { LoadShedder } from './LoadShedder';

describe('LoadShedder', () => {
  it('keeps every message while the embedder keeps up', () => {
    const shedder = new LoadShedder();
    for (let t = 0; t < 10_000; t += 100) shedder.observe(50, t);
    const kept = Array.from({ length: 1000 }, () => shedder.admit()).filter(Boolean).length;
    expect(kept).toBe(1000);
    expect(shedder.shed).toBe(0);
    expect(shedder.keepRatio).toBe(1);
  });

  it('halves the kept share at most once per look while messages wait too long, down to the floor', () => {
    const shedder = new LoadShedder({ adjustEveryMs: 500, minRatio: 0.05 });
    shedder.observe(1500, 0);
    shedder.observe(1500, 100); // same look: no second halving
    expect(shedder.keepRatio).toBe(0.5);
    shedder.observe(1500, 600);
    expect(shedder.keepRatio).toBe(0.25);
    for (let t = 1200; t < 10_000; t += 600) shedder.observe(5000, t);
    expect(shedder.keepRatio).toBe(0.05);
  });

  it('spreads what it keeps evenly: one in four at a quarter, and counts the rest as shed', () => {
    const shedder = new LoadShedder();
    shedder.observe(2000, 0);
    shedder.observe(2000, 1000);
    expect(shedder.keepRatio).toBe(0.25);
    const decisions = Array.from({ length: 400 }, () => shedder.admit());
    expect(decisions.filter(Boolean)).toHaveLength(100);
    expect(shedder.shed).toBe(300);
    // Never two kept in a row, never more than three shed in a row.
    const kept = decisions.flatMap((k, i) => (k ? [i] : []));
    for (let i = 1; i < kept.length; i++) expect(kept[i]! - kept[i - 1]!).toBe(4);
  });

  it('samples a fast replay whose wait is short on the wall clock but long in stream time, and leaves live chat alone', () => {
    // x100: 300 ms of wall time is 30 stream seconds of wait, the topics half a minute behind.
    const replay = new LoadShedder();
    replay.observe(300, 0, 30);
    expect(replay.keepRatio).toBe(0.5);
    // It grows back only once both waits are short.
    replay.observe(100, 600, 10);
    expect(replay.keepRatio).toBe(0.5);
    replay.observe(100, 1200, 2);
    expect(replay.keepRatio).toBeGreaterThan(0.5);
    // x1: the same 300 ms is 0.3 stream seconds, nothing to shed.
    const live = new LoadShedder();
    for (let t = 0; t < 5000; t += 500) live.observe(300, t, 0.3);
    expect(live.keepRatio).toBe(1);
  });

  it('grows the share back once the queue has drained', () => {
    const shedder = new LoadShedder();
    for (let t = 0; t < 5000; t += 500) shedder.observe(3000, t);
    const low = shedder.keepRatio;
    expect(low).toBeLessThan(0.01 + 1e-9);
    let t = 5000;
    while (shedder.keepRatio < 1 && t < 60_000) shedder.observe(0, (t += 500));
    expect(shedder.keepRatio).toBe(1);
    // Back to all in a few dozen looks (tens of seconds), not minutes.
    expect(t - 5000).toBeLessThan(20_000);
  });

  it('keeps at most the share it is limited to, whatever the queue says, and the queue share goes on underneath', () => {
    const shedder = new LoadShedder({ minRatio: 0.02 });
    shedder.limit(0.25);
    expect(shedder.keepRatio).toBe(0.25);
    expect(Array.from({ length: 1000 }, () => shedder.admit()).filter(Boolean)).toHaveLength(250);
    // The queue overflows: its own share halves below the limit, and that is what counts.
    shedder.observe(5000, 0);
    shedder.observe(5000, 1000);
    shedder.observe(5000, 2000);
    shedder.observe(5000, 3000);
    expect(shedder.keepRatio).toBe(0.0625);
    // The limit lifted: the queue's share, grown back meanwhile, is what is kept.
    for (let t = 4000; t < 30_000; t += 500) shedder.observe(0, t);
    expect(shedder.keepRatio).toBe(0.25);
    shedder.limit(1);
    expect(shedder.keepRatio).toBe(1);
    shedder.limit(0);
    expect(shedder.keepRatio).toBe(0.02);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefitScheduler, type RefitSchedulerDeps } from './RefitScheduler';
import { gate } from './topicTestFixtures';

/** A scheduler over a fake channel whose refits wait for `release()`; it records each refit's start. */
function scheduler(over: Partial<RefitSchedulerDeps> = {}) {
  const channel = { size: 0, clock: 0, fit: false, overloaded: false };
  const runs: { clock: number; signal: AbortSignal; release: () => void }[] = [];
  let running = 0;
  let most = 0;
  const s = new RefitScheduler({
    refitSeconds: 3600,
    minMessages: 100,
    windowSize: () => channel.size,
    clock: () => channel.clock,
    hasFit: () => channel.fit,
    overloaded: () => channel.overloaded,
    run: async (signal) => {
      most = Math.max(most, ++running);
      const done = gate();
      runs.push({ clock: channel.clock, signal, release: done.open });
      releases.push(done.open);
      await done.wait;
      channel.fit = true;
      running--;
    },
    ...over,
  });
  return { s, channel, runs, most: () => most };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

let open: RefitScheduler | null = null;
/** Every refit started, released after each test so that closing does not wait for one. */
const releases: (() => void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const release of releases.splice(0)) release();
  await open?.close();
  open = null;
});

describe('RefitScheduler', () => {
  it('starts the first refit once the window has its minimum, not before', () => {
    const { s, channel, runs } = scheduler();
    open = s;
    channel.size = 99;
    s.arrived(99);
    expect(runs).toHaveLength(0);
    channel.size = 100;
    s.arrived(1);
    expect(runs).toHaveLength(1);
  });

  it('never runs two refits at once nor queues them: one due meanwhile starts once, from the newest clock', async () => {
    const { s, channel, runs, most } = scheduler({ refitStreamSeconds: 60 });
    open = s;
    channel.size = 200;
    channel.fit = true;
    const first = s.refitNow();
    expect(s.refitNow()).toBe(first);
    // The stream moves three minutes on while the refit runs: three times due, one refit after.
    for (const clock of [60, 120, 180]) {
      channel.clock = clock;
      s.arrived(10);
    }
    expect(runs).toHaveLength(1);
    runs[0]!.release();
    await first;
    expect(runs).toHaveLength(2);
    expect(runs[1]!.clock).toBe(180);
    runs[1]!.release();
    await s.whenIdle();
    expect(most()).toBe(1);
  });

  it('refits on stream time, or on a share of the window new unless new messages are being sampled out', async () => {
    const { s, channel, runs } = scheduler({ refitStreamSeconds: 60, refitNewShare: 0.25 });
    open = s;
    channel.size = 400;
    channel.fit = true;
    channel.clock = 10;
    s.arrived(50);
    expect(runs).toHaveLength(0);
    channel.overloaded = true;
    s.arrived(60);
    expect(runs).toHaveLength(0); // 110 of 400 new, but overloaded
    channel.overloaded = false;
    s.arrived(0);
    expect(runs).toHaveLength(1);
    runs[0]!.release();
    await s.whenIdle();
    channel.clock = 69;
    s.arrived(1);
    expect(runs).toHaveLength(1);
    channel.clock = 70;
    s.arrived(1);
    expect(runs).toHaveLength(2);
    runs[1]!.release();
  });

  it('refits on the wall-clock floor when the stream is quiet, and leaves a window unchanged since alone until told it changed', async () => {
    vi.useFakeTimers();
    const { s, channel, runs } = scheduler({ refitSeconds: 30, refitNewShare: Infinity, refitStreamSeconds: Infinity });
    open = s;
    channel.size = 150;
    channel.fit = true;
    s.arrived(150);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs).toHaveLength(1);
    runs[0]!.release();
    // Chat went quiet: the same window would give the same topics.
    await vi.advanceTimersByTimeAsync(90_000);
    expect(runs).toHaveLength(1);
    // Messages deleted or another pipeline chosen: the floor refits it.
    s.changed();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs).toHaveLength(2);
    runs[1]!.release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(2);
    s.arrived(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs).toHaveLength(3);
    runs[2]!.release();
  });

  it('starts a refit after the running one when asked to (the window was re-embedded)', async () => {
    const { s, channel, runs } = scheduler({ refitNewShare: Infinity, refitStreamSeconds: Infinity });
    open = s;
    channel.size = 150;
    const first = s.refitNow();
    s.refitAfterCurrent();
    await tick();
    expect(runs).toHaveLength(1);
    let idle = false;
    const idling = s.whenIdle().then(() => (idle = true));
    runs[0]!.release();
    await first;
    await tick();
    expect(runs).toHaveLength(2);
    expect(idle).toBe(false); // the refit asked for counts as pending work
    runs[1]!.release();
    await idling;
  });

  it('on close aborts the running refit, waits for it to end, and starts no other', async () => {
    vi.useFakeTimers();
    const { s, channel, runs } = scheduler({ refitSeconds: 1 });
    channel.size = 150;
    void s.refitNow();
    let closed = false;
    const closing = s.close().then(() => (closed = true));
    expect(runs[0]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    runs[0]!.release();
    await closing;
    await vi.advanceTimersByTimeAsync(5000);
    await s.refitNow();
    s.arrived(1000);
    expect(runs).toHaveLength(1);
  });
});

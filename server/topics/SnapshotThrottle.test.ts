import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SnapshotThrottle } from './SnapshotThrottle';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('SnapshotThrottle', () => {
  it('merges the sends asked for within an interval into one, at most one per interval', async () => {
    let sent = 0;
    const throttle = new SnapshotThrottle({ send: () => sent++, intervalMs: 1000 });
    throttle.schedule();
    throttle.schedule();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(1);
    for (let i = 0; i < 10; i++) {
      throttle.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(sent).toBe(2); // the second a full interval after the first
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toBe(2); // nothing asked since
  });

  it('sends at once when asked, and counts that send for the interval', async () => {
    let sent = 0;
    const throttle = new SnapshotThrottle({ send: () => sent++, intervalMs: 1000 });
    throttle.sendNow();
    expect(sent).toBe(1);
    throttle.schedule();
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toBe(2);
  });

  it('sends nothing once closed, not even a send already scheduled', async () => {
    let sent = 0;
    const throttle = new SnapshotThrottle({ send: () => sent++, intervalMs: 1000 });
    throttle.sendNow();
    throttle.schedule();
    throttle.close();
    throttle.sendNow();
    throttle.schedule();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toBe(1);
  });
});

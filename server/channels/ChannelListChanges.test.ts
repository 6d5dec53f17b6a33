import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelChanges, ChannelInfo } from '../../contracts/socket-events';
import { applyChannelChanges } from '../../app/lib/channelChanges';
import { ChannelListChanges } from './ChannelListChanges';

// Only the fields this class looks at (it compares whole objects, whatever else ChannelInfo carries).
const info = (key: string, patch: Partial<ChannelInfo> = {}): ChannelInfo =>
  ({
    key,
    kind: 'live',
    state: 'connecting',
    streamId: null,
    messageCount: 0,
    error: null,
    replay: null,
    ...patch,
  }) as ChannelInfo;

function setup(initial: ChannelInfo[] = []) {
  let list = initial;
  const sent: ChannelChanges[] = [];
  const changes = new ChannelListChanges(
    () => list,
    (c) => sent.push(c),
    250,
  );
  return { sent, changes, set: (next: ChannelInfo[]) => (list = next), get: () => list };
}

afterEach(() => vi.useRealTimers());

describe('ChannelListChanges', () => {
  it('sends only what changed since the last message: new, changed and removed channels', () => {
    const { sent, changes, set } = setup([info('a'), info('b')]);
    set([info('a', { state: 'connected' }), info('b'), info('c')]);
    expect(changes.flush()).toEqual({ changed: [info('a', { state: 'connected' }), info('c')], removed: [] });
    set([info('a', { state: 'connected' }), info('c', { messageCount: 3 })]);
    expect(changes.flush()).toEqual({ changed: [info('c', { messageCount: 3 })], removed: ['b'] });
    expect(changes.flush()).toBeNull(); // nothing new: nothing sent
    expect(sent).toHaveLength(2);
  });

  it('coalesces a burst of notices into one message per 250 ms', () => {
    vi.useFakeTimers();
    const { sent, changes, set, get } = setup();
    for (let i = 0; i < 100; i++) {
      set([...get(), info(`chan${i}`)]);
      changes.notify();
    }
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.changed).toHaveLength(100);
    changes.notify();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1); // a notice without a change sends nothing
    changes.close();
  });

  it('keeps a client that applies the messages in step with the server list, whatever it connected with', () => {
    const { changes, set, get } = setup([info('demo', { kind: 'demo' })]);
    const early = get(); // a client connected before the changes
    let client = early;
    const steps: ChannelInfo[][] = [
      [info('demo', { kind: 'demo', messageCount: 5 }), info('x')],
      [
        info('demo', { kind: 'demo', messageCount: 9 }),
        info('x', { state: 'connected' }),
        info('replay-1', { kind: 'replay' }),
      ],
      [info('demo', { kind: 'demo', messageCount: 9 }), info('replay-1', { kind: 'replay', state: 'ended' })],
    ];
    let late: ChannelInfo[] | null = null;
    for (const [i, step] of steps.entries()) {
      set(step);
      if (i === 1) late = step; // a client that connects now gets the full list, then the same messages as everyone
      const c = changes.flush()!;
      client = applyChannelChanges(client, c);
      if (late) late = applyChannelChanges(late, c);
    }
    expect(client).toEqual(get());
    expect(late).toEqual(get());
    expect(applyChannelChanges(client, { changed: [], removed: [] })).toBe(client);
  });
});

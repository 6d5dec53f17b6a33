import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emoteSlices, parseAll, tempWorkspace } from '../testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

const T0_US = Date.UTC(2023, 5, 1, 18, 0, 0) * 1000; // microseconds

function item(i: number, message: string, extra: Record<string, unknown> = {}) {
  return {
    timestamp: T0_US + 30_000_000 + i * 1_500_000,
    time_in_seconds: 30 + i * 1.5,
    time_text: '0:30',
    message,
    message_id: `m-${i}`,
    message_type: 'text_message',
    author: {
      id: `${500 + i}`,
      name: `viewer${i}`,
      display_name: `Viewer${i}`,
      badges: [{ name: 'subscriber', version: 6, title: '6-Month Subscriber' }],
    },
    ...extra,
  };
}

describe('chat-downloader JSON', () => {
  it('reads microsecond timestamps and offsets into ts and elapsed', async () => {
    const file = ws.write('cd.json', JSON.stringify([item(0, 'hello'), item(1, 'world')]));
    const { messages, stream, issues } = await parseAll(file);
    expect(issues).toEqual([]);
    expect(stream).toMatchObject({ startedAt: Date.UTC(2023, 5, 1, 18, 0, 0), absoluteTime: true, channel: 'cd' });
    expect(messages.map((m) => [m.id, m.ts, m.elapsed])).toEqual([
      ['m-0', Date.UTC(2023, 5, 1, 18, 0, 30), 30],
      ['m-1', Date.UTC(2023, 5, 1, 18, 0, 31, 500), 31.5],
    ]);
    expect(messages[0]!.user).toEqual({ id: '500', login: 'viewer0', displayName: 'Viewer0' });
    expect(messages[0]!.badges).toEqual({ subscriber: '6' });
  });

  it('places emotes from `locations` (code points) or, without them, by name', async () => {
    const withLocations = item(0, '🔥 Kappa PogChamp Kappa', {
      emotes: [{ id: '25', name: 'Kappa', locations: ['2-6', '17-21'] }],
    });
    const byName = item(1, 'gg PogChamp', { emotes: [{ id: '88', name: 'PogChamp' }] });
    const file = ws.write('e.json', JSON.stringify([withLocations, byName]));
    const { messages } = await parseAll(file);
    expect(messages[0]!.emotes).toEqual([
      { id: '25', name: 'Kappa', start: 2, end: 7 },
      { id: '25', name: 'Kappa', start: 17, end: 22 },
    ]);
    expect(emoteSlices(messages[1]!)).toEqual(['PogChamp']);
    expect(messages[1]!.emotes[0]).toMatchObject({ start: 3, end: 11 });
  });

  it('skips non-chat items silently, reports bad ones by record, and marks deleted messages', async () => {
    const noAuthor = item(2, 'x') as Record<string, unknown>;
    delete noAuthor.author;
    const items = [
      item(0, 'first'),
      { message_type: 'subscription', timestamp: T0_US, time_in_seconds: 31, author: { name: 'x' } },
      noAuthor,
      item(3, 'kept'),
      { message_type: 'delete_message', target_message_id: 'm-0', timestamp: T0_US + 40e6 },
    ];
    const file = ws.write('skip.json', JSON.stringify(items, null, 1));
    const { messages, issues, deletions } = await parseAll(file);
    expect(messages.map((m) => m.text)).toEqual(['first', 'kept']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ record: 3, reason: 'missing field `author`' });
    expect(issues[0]!.line).toBeGreaterThan(1);
    expect(deletions).toEqual([{ kind: 'message', messageId: 'm-0' }]);
  });
});

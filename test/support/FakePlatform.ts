import type { Deletion } from '../../contracts/chat';
import { InvalidChannelError } from '../../server/ingest/errors';
import type { LiveChatSource, LivePlatform, LiveSourceHandlers } from '../../server/ingest/LiveChatSource';
import { makeMessage } from './messages';

const ROOM = /^[a-z0-9]{1,20}$/;

/**
 * A chat platform that lives in the test: rooms are 1-20 letters or digits (`#` optional), joins are confirmed at once, and the
 * test speaks in its rooms ({@link say}) and moderates them ({@link deleteMessage}). It reaches the server through
 * nothing but the `LivePlatform` interface, so it shows what a second real platform (YouTube, Kick) has to provide.
 */
export class FakePlatform implements LivePlatform {
  /** Connections created so far (one is expected, on the first join). */
  readonly sources: FakeChatSource[] = [];

  /** @param name the registry name, `fake` unless a test stands it in for another platform */
  constructor(readonly name = 'fake') {}

  parseName(text: string): string {
    const room = text.trim().replace(/^#/, '').toLowerCase();
    if (!ROOM.test(room)) throw new InvalidChannelError(text, this.name, 'not a fake room (1-20 letters or digits)');
    return room;
  }

  createSource(handlers: LiveSourceHandlers): LiveChatSource {
    const source = new FakeChatSource(handlers);
    this.sources.push(source);
    return source;
  }

  /** The one connection; throws when no channel of this platform was joined yet. */
  get source(): FakeChatSource {
    const source = this.sources[0];
    if (!source) throw new Error(`no ${this.name} connection yet`);
    return source;
  }

  /** A chat message in `room`, delivered only while the room is joined (as a real platform would). */
  say(room: string, message: { id: string; login: string; text: string; ts: number }): void {
    this.source.deliver(room, message);
  }

  /** A moderator removes one message of `room`. */
  deleteMessage(room: string, messageId: string, ts: number): void {
    this.source.moderate({ kind: 'message', channel: room, messageId, ts });
  }
}

/** The fake platform's connection: which rooms are joined, and the handlers it reports to. */
export class FakeChatSource implements LiveChatSource {
  readonly joined = new Set<string>();
  closed = false;

  constructor(private readonly handlers: LiveSourceHandlers) {}

  async connect(): Promise<void> {}

  async join(room: string): Promise<void> {
    this.handlers.onState(room, 'connecting');
    this.joined.add(room);
    this.handlers.onState(room, 'connected');
  }

  async part(room: string): Promise<void> {
    if (this.joined.delete(room)) this.handlers.onState(room, 'disconnected');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const room of [...this.joined]) await this.part(room);
  }

  deliver(room: string, m: { id: string; login: string; text: string; ts: number }): void {
    if (!this.joined.has(room)) return;
    const {
      streamId: _,
      elapsed: __,
      ...msg
    } = makeMessage({
      id: m.id,
      streamId: '',
      channel: room,
      ts: m.ts,
      text: m.text,
      user: { id: null, login: m.login, displayName: m.login },
    });
    this.handlers.onMessage(msg);
  }

  moderate(deletion: Deletion): void {
    if (this.joined.has(deletion.channel)) this.handlers.onDeletion(deletion);
  }
}

import type { ChatMessage } from '../../contracts/chat';

/** A valid ChatMessage with overridable fields, for tests of code that only moves messages around. */
export function makeMessage(overrides: Partial<ChatMessage> & { id: string; streamId: string }): ChatMessage {
  return {
    channel: 'testchan',
    ts: 1_700_000_000_000,
    elapsed: 0,
    user: { id: '1', login: 'viewer', displayName: 'Viewer' },
    text: 'salut',
    emotes: [],
    badges: {},
    flags: { action: false, cheer: false, command: false, bot: false },
    bits: 0,
    replyParentId: null,
    deleted: false,
    ...overrides,
  };
}

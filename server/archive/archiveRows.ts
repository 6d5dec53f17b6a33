import type { ChatMessage, StreamInfo, StreamSummary } from '../../contracts/chat';
import { channelKey, DEFAULT_PLATFORM } from '../ingest/channelRef';

// The row layout both archive back ends share (SQLite and PostgreSQL store the same columns), and its mapping to the
// contracts' types: one definition, so a field added to one back end cannot be forgotten in the other's reading.

const FLAG_ACTION = 1;
const FLAG_CHEER = 2;
const FLAG_COMMAND = 4;
const FLAG_BOT = 8;

export interface MessageRow {
  stream_id: string;
  channel: string;
  platform: string;
  id: string;
  ts: number;
  elapsed: number;
  user_id: string | null;
  login: string;
  display_name: string;
  text: string;
  emotes: string | null;
  badges: string | null;
  flags: number;
  bits: number;
  reply_parent_id: string | null;
  deleted: number;
  topic: string | null;
}

export interface StreamRow {
  id: string;
  channel: string;
  platform: string;
  source: StreamInfo['source'];
  title: string;
  started_at: number;
  absolute_time: number;
  import_format: string | null;
  message_count: number;
  deleted_count: number;
  duration: number;
  complete: number;
}

/** The message columns in insertion order, as both back ends bind them (`messageValues`). */
export const MESSAGE_COLUMNS = [
  'stream_id',
  'id',
  'ts',
  'elapsed',
  'user_id',
  'login',
  'display_name',
  'text',
  'emotes',
  'badges',
  'flags',
  'bits',
  'reply_parent_id',
  'deleted',
  'topic',
] as const;

/** A message's values in `MESSAGE_COLUMNS` order. */
export function messageValues(m: ChatMessage): (string | number | null)[] {
  const flags =
    (m.flags.action ? FLAG_ACTION : 0) |
    (m.flags.cheer ? FLAG_CHEER : 0) |
    (m.flags.command ? FLAG_COMMAND : 0) |
    (m.flags.bot ? FLAG_BOT : 0);
  return [
    m.streamId,
    m.id,
    Math.round(m.ts),
    m.elapsed,
    m.user.id,
    m.user.login,
    m.user.displayName,
    m.text,
    m.emotes.length ? JSON.stringify(m.emotes) : null,
    Object.keys(m.badges).length ? JSON.stringify(m.badges) : null,
    flags,
    m.bits,
    m.replyParentId,
    m.deleted ? 1 : 0,
    m.topic ?? null,
  ];
}

export function rowToStream(row: StreamRow): StreamSummary {
  return {
    id: row.id,
    channel: row.channel,
    platform: row.platform,
    source: row.source,
    title: row.title,
    startedAt: row.started_at,
    absoluteTime: row.absolute_time === 1,
    importFormat: row.import_format,
    messageCount: row.message_count,
    deletedCount: row.deleted_count,
    durationSeconds: row.duration,
    complete: row.complete === 1,
  };
}

export function rowToMessage(row: MessageRow): ChatMessage {
  const msg: ChatMessage = {
    id: row.id,
    channel: channelKey({ platform: row.platform, name: row.channel }),
    streamId: row.stream_id,
    ts: row.ts,
    elapsed: row.elapsed,
    user: { id: row.user_id, login: row.login, displayName: row.display_name },
    text: row.text,
    emotes: row.emotes ? JSON.parse(row.emotes) : [],
    badges: row.badges ? JSON.parse(row.badges) : {},
    flags: {
      action: (row.flags & FLAG_ACTION) !== 0,
      cheer: (row.flags & FLAG_CHEER) !== 0,
      command: (row.flags & FLAG_COMMAND) !== 0,
      bot: (row.flags & FLAG_BOT) !== 0,
    },
    bits: row.bits,
    replyParentId: row.reply_parent_id,
    deleted: row.deleted === 1,
  };
  if (row.topic !== null) msg.topic = row.topic;
  return msg;
}

function compactDate(ts: number): string {
  return new Date(ts).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The id a new stream is named after, before any suffix: `<channel>-<yyyymmdd-hhmmss>` of its start (of now, when the
 * stream has no absolute time; `<platform>-<channel>-...` off Twitch), or the requested id.
 */
export function streamIdBase(
  info: Pick<StreamInfo, 'channel' | 'startedAt' | 'absoluteTime'> & {
    platform?: string;
    id?: string;
  },
): string {
  const platform = info.platform ?? DEFAULT_PLATFORM;
  const prefix = platform === DEFAULT_PLATFORM ? info.channel : `${platform}-${info.channel}`;
  // A stream known only by offsets has no real start date: name it after its import time instead of 1970.
  return info.id ?? `${prefix}-${compactDate(info.absoluteTime ? info.startedAt : Date.now())}`;
}

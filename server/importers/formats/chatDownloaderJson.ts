import type { EmoteRange } from '../../../contracts/chat';
import { codePointLength, emotesByName, isObject, missing, num, str, unwrapAction } from './common';
import type { ChatFormat, JsonRecordParser, SourceEvent, SourceMessage } from './types';

/** Types that carry a viewer's chat text in `message` (a resub's message is chat too). */
const CHAT_TYPES = new Set(['text_message', 'resubscription', 'paid_message', 'highlighted_message']);

/**
 * chat-downloader writes `timestamp` in microseconds. Tools that post-process its files sometimes rewrite it in
 * milliseconds or seconds: read the unit from the magnitude rather than misplace a whole file by 1000x.
 */
export function epochMsFromChatDownloader(value: number): number {
  if (value >= 1e14) return value / 1000;
  if (value >= 1e11) return value;
  return value * 1000;
}

function emotesOf(list: unknown, text: string): EmoteRange[] {
  if (!Array.isArray(list) || list.length === 0) return [];
  const located: EmoteRange[] = [];
  const byName = new Map<string, string>();
  const length = codePointLength(text);
  const codePoints = Array.from(text);
  for (const e of list) {
    if (!isObject(e)) continue;
    const id = str(e.id);
    const name = str(e.name);
    if (!id || !name) continue;
    if (!Array.isArray(e.locations)) {
      byName.set(name, id);
      continue;
    }
    // `locations` are Twitch's inclusive code-point ranges ("0-4").
    for (const loc of e.locations) {
      const m = typeof loc === 'string' ? /^(\d+)-(\d+)$/.exec(loc) : null;
      if (!m) continue;
      const start = Number(m[1]);
      const end = Number(m[2]) + 1;
      if (start < end && end <= length) located.push({ id, name: codePoints.slice(start, end).join(''), start, end });
    }
  }
  const all = located.concat(emotesByName(text, byName));
  return all.sort((a, b) => a.start - b.start).filter((e, i) => i === 0 || e.start >= all[i - 1]!.end);
}

/** One chat-downloader item to a source message; `null` for items that are not chat (and not errors). */
export function chatDownloaderItem(item: unknown): SourceMessage | { deleteId: string } | string | null {
  if (!isObject(item)) return 'item is not an object';
  const type = str(item.message_type);
  const target = str(item.target_message_id);
  if (target) return { deleteId: target };
  if (type !== null && !CHAT_TYPES.has(type)) return null; // subscriptions, raids, bans...: no chat text
  if (typeof item.message !== 'string') return type === 'resubscription' ? null : missing('message');
  const author = item.author;
  if (!isObject(author)) return missing('author');
  const login = str(author.name);
  if (!login) return missing('author.name');
  const stamp = num(item.timestamp);
  const offset = num(item.time_in_seconds);
  if (stamp === null && offset === null) return missing('timestamp');
  let text = item.message;
  const unwrapped = unwrapAction(text);
  if (unwrapped !== null) text = unwrapped;
  if (text.trim() === '') return 'empty message';
  const badges: Record<string, string> = {};
  if (Array.isArray(author.badges)) {
    for (const b of author.badges) if (isObject(b) && str(b.name)) badges[str(b.name)!] = str(b.version) ?? '';
  }
  return {
    id: str(item.message_id),
    channel: null,
    ts: stamp === null ? null : epochMsFromChatDownloader(stamp),
    offset,
    user: { id: str(author.id), login: login.toLowerCase(), displayName: str(author.display_name) ?? login },
    text,
    emotes: emotesOf(item.emotes, text),
    badges,
    bits: Math.max(0, Math.trunc(num(item.bits) ?? 0)),
    action: unwrapped !== null || item.is_action === true,
    replyParentId:
      str(item.reply_parent_msg_id) ?? (isObject(item.in_reply_to) ? str(item.in_reply_to.message_id) : null),
    deleted: false,
  };
}

function createParser(): JsonRecordParser {
  return {
    record(value: unknown, pos, out: SourceEvent[]) {
      const r = chatDownloaderItem(value);
      if (r === null) return;
      if (typeof r === 'string') out.push({ type: 'error', ...pos, reason: r });
      else if ('deleteId' in r)
        out.push({ type: 'deletion', ...pos, deletion: { kind: 'message', messageId: r.deleteId } });
      else out.push({ type: 'message', ...pos, message: r });
    },
  };
}

/**
 * chat-downloader JSON: an array of items with `timestamp` (epoch MICROseconds), `time_in_seconds` (offset from
 * the stream start), `message`, `message_id`, `author{id,name,display_name,badges}`, `emotes`, `message_type`.
 */
export const chatDownloaderJson: ChatFormat = {
  name: 'chat-downloader-json',
  kind: 'json',
  metaKeys: [],
  fields: {
    id: '`message_id`',
    login: '`author.name`',
    displayName: '`author.display_name`',
    ts: '`timestamp`',
    offset: '`time_in_seconds`',
    text: '`message`',
    channel: null,
    replyParentId: '`reply_parent_msg_id`',
  },
  createParser,
};

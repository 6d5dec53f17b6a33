import type { EmoteRange } from '../../../contracts/chat';
import {
  channelName,
  codePointLength,
  emotesFromFragments,
  isObject,
  missing,
  num,
  parseDateTime,
  str,
  unwrapAction,
} from './common';
import type { ChatFormat, JsonRecordParser, SourceEvent, SourceMessage } from './types';
import { checkChannel, checkEpochMs, quote } from '../validate';

/** Emote id of a fragment: `emoticon.emoticon_id` (v1 snake_case) or `emote.emoteID` (API camelCase). */
function fragmentEmoteId(f: Record<string, unknown>): string | null {
  if (isObject(f.emoticon)) return str(f.emoticon.emoticon_id) ?? str(f.emoticon.id);
  if (isObject(f.emote)) return str(f.emote.emoteID) ?? str(f.emote.id);
  return null;
}

/**
 * Emotes when the fragments do not spell `body` exactly (edited or trimmed bodies): each emote fragment is looked
 * up in the body after the previous one.
 */
function emotesInBody(body: string, fragments: readonly unknown[]): EmoteRange[] {
  const emotes: EmoteRange[] = [];
  let from = 0;
  let fromCodePoints = 0;
  for (const f of fragments) {
    if (!isObject(f) || typeof f.text !== 'string' || f.text === '') continue;
    const id = fragmentEmoteId(f);
    if (id === null) continue;
    const at = body.indexOf(f.text, from);
    if (at < 0) continue;
    const start = fromCodePoints + codePointLength(body.slice(from, at));
    const end = start + codePointLength(f.text);
    emotes.push({ id, name: f.text, start, end });
    from = at + f.text.length;
    fromCodePoints = end;
  }
  return emotes;
}

/** One comment (either schema) to a source message, or the reason it is not one. */
export function commentToMessage(value: unknown): SourceMessage | string {
  // Twitch's GraphQL answer wraps each comment as `{ node: {...} }`.
  const c = isObject(value) && isObject(value.node) && !('commenter' in value) ? value.node : value;
  if (!isObject(c)) return 'comment is not an object';
  const commenter = c.commenter;
  if (!isObject(commenter)) return missing('commenter');
  const login = str(commenter.name) ?? str(commenter.login);
  if (!login) return missing('commenter.name');
  const offset = num(c.content_offset_seconds ?? c.contentOffsetSeconds);
  if (offset === null) return missing('content_offset_seconds');
  const m = c.message;
  if (!isObject(m)) return missing('message');
  const fragments = Array.isArray(m.fragments) ? m.fragments : [];
  // The camelCase API shape has no `body`: the text is the concatenation of the fragments.
  let fragmentText = '';
  for (const f of fragments) if (isObject(f) && typeof f.text === 'string') fragmentText += f.text;
  let text = typeof m.body === 'string' ? m.body : null;
  if (text === null && fragments.length === 0) return missing('message.body');
  text ??= fragmentText;
  let action = m.is_action === true || m.isAction === true;
  const unwrapped = unwrapAction(text);
  if (unwrapped !== null) {
    text = unwrapped;
    action = true;
  }
  if (text.trim() === '') return 'empty message';

  const badges: Record<string, string> = {};
  const badgeList = m.user_badges ?? m.userBadges;
  if (Array.isArray(badgeList)) {
    for (const b of badgeList) {
      if (!isObject(b)) continue;
      const name = str(b._id) ?? str(b.setID);
      if (name) badges[name] = str(b.version) ?? '';
    }
  }
  const created = c.created_at ?? c.createdAt;
  const ts = typeof created === 'string' ? parseDateTime(created) : null;
  // A date that is there but wrong (`2023-13-45T99:99:99Z`) is reported, not silently replaced by the offset.
  if (typeof created === 'string' && ts === null) return `\`created_at\` ${quote(created)} is not a date`;
  return {
    id: str(c._id) ?? str(c.id),
    channel: null,
    ts,
    offset,
    user: {
      id: str(commenter._id) ?? str(commenter.id),
      login: login.toLowerCase(),
      displayName: str(commenter.display_name) ?? str(commenter.displayName) ?? login,
    },
    text,
    emotes: fragmentText === text ? emotesFromFragments(fragments, fragmentEmoteId) : emotesInBody(text, fragments),
    badges,
    bits: Math.max(0, Math.trunc(num(m.bits_spent ?? m.bitsSpent) ?? 0)),
    action,
    replyParentId: null,
    deleted: false,
  };
}

function createParser(): JsonRecordParser {
  return {
    meta(key: string, value: unknown, out: SourceEvent[], pos) {
      if (!isObject(value)) return;
      // A bad metadata field is reported (naming it) and ignored: the channel then comes from the file name, which
      // is always a safe login, and the start from the first comment. It never becomes part of a stream id.
      if (key === 'streamer') {
        const name = str(value.name) ?? str(value.login);
        if (!name) return;
        const channel = channelName(name);
        const bad = checkChannel(channel, `\`streamer.${value.name !== undefined ? 'name' : 'login'}\``);
        if (bad) out.push({ type: 'error', ...pos, reason: `${bad}: ignored` });
        else out.push({ type: 'stream', hint: { channel } });
      } else if (key === 'video') {
        const created = value.created_at ?? value.createdAt;
        if (typeof created !== 'string') return;
        const startedAt = parseDateTime(created);
        const bad =
          startedAt === null
            ? `\`video.created_at\` ${quote(created)} is not a date`
            : checkEpochMs(startedAt, '`video.created_at`');
        if (bad) out.push({ type: 'error', ...pos, reason: `${bad}: ignored` });
        else out.push({ type: 'stream', hint: { startedAtFallback: startedAt! } });
      }
    },
    record(value: unknown, pos, out: SourceEvent[]) {
      const message = commentToMessage(value);
      if (typeof message === 'string') out.push({ type: 'error', ...pos, reason: message });
      else out.push({ type: 'message', ...pos, message });
    },
  };
}

/**
 * TwitchDownloader JSON: `{ streamer, video, comments: [...] }`, comments either in the snake_case v1 schema
 * (`content_offset_seconds`, `commenter.name`, `message.body`) or Twitch's camelCase API shape
 * (`contentOffsetSeconds`, `commenter.login`, `message.fragments` only). A bare array of comments is read too.
 */
export const twitchDownloaderJson: ChatFormat = {
  name: 'twitchdownloader-json',
  kind: 'json',
  metaKeys: ['streamer', 'video'],
  fields: {
    id: '`_id`',
    login: '`commenter.name`',
    displayName: '`commenter.display_name`',
    ts: '`created_at`',
    offset: '`content_offset_seconds`',
    text: '`message.body`',
    channel: null,
    replyParentId: null,
  },
  createParser,
};

import type { EmoteRange, StreamSource } from '../../../contracts/chat';
import { channelName, isObject, missing, num, str } from './common';
import type { ChatFormat, LineParser, SourceEvent, SourceMessage, StreamHint } from './types';
import { checkChannel, checkEpochMs } from '../validate';

const SOURCES: readonly StreamSource[] = ['live', 'import', 'simulator'];

function emotesOf(value: unknown): EmoteRange[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (e): e is EmoteRange =>
        isObject(e) &&
        typeof e.id === 'string' &&
        typeof e.name === 'string' &&
        Number.isInteger(e.start) &&
        Number.isInteger(e.end),
    )
    .map((e) => ({ id: e.id, name: e.name, start: e.start, end: e.end }));
}

function badgesOf(value: unknown): Record<string, string> {
  const badges: Record<string, string> = {};
  if (isObject(value))
    for (const [k, v] of Object.entries(value)) badges[k] = typeof v === 'string' ? v : String(v ?? '');
  return badges;
}

/**
 * The header's stream. A bad field is reported by the caller and left out of the hint (the channel then comes from
 * the messages or the file name; the start from the first message): the rest of the header still applies.
 */
function streamHint(value: unknown): { hint: StreamHint; bad: string[] } | string {
  if (!isObject(value)) return missing('stream');
  const hint: StreamHint = {};
  const bad: string[] = [];
  if (typeof value.channel === 'string' && value.channel) {
    const channel = channelName(value.channel);
    const why = checkChannel(channel, '`stream.channel`');
    if (why) bad.push(why);
    else hint.channel = channel;
  }
  if (typeof value.title === 'string') {
    if (value.title.length > 500) bad.push('`stream.title` is over 500 characters');
    else hint.title = value.title;
  }
  const startedAt = num(value.startedAt);
  if (startedAt !== null) {
    // A stream known only by offsets has a placeholder start (0): only a real date is range-checked.
    const why =
      value.absoluteTime === false
        ? Number.isFinite(startedAt)
          ? null
          : '`stream.startedAt` is not a number'
        : checkEpochMs(startedAt, '`stream.startedAt`');
    if (why) bad.push(why);
    else hint.startedAt = startedAt;
  }
  if (typeof value.absoluteTime === 'boolean') hint.absoluteTime = value.absoluteTime;
  if (SOURCES.includes(value.source as StreamSource)) hint.source = value.source as StreamSource;
  if ((typeof value.importFormat === 'string' && value.importFormat.length <= 64) || value.importFormat === null)
    hint.importFormat = value.importFormat;
  return { hint, bad };
}

/** A `{"kind":"message",...}` line to a source message, or the reason it is not one. */
function messageOf(line: Record<string, unknown>): SourceMessage | string {
  if (typeof line.text !== 'string') return missing('text');
  const user = line.user;
  if (!isObject(user)) return missing('user');
  const login = str(user.login);
  if (!login) return missing('user.login');
  const ts = num(line.ts);
  const elapsed = num(line.elapsed);
  if (ts === null && elapsed === null) return missing('ts');
  const flags = isObject(line.flags) ? line.flags : {};
  const message: SourceMessage = {
    id: str(line.id),
    channel: typeof line.channel === 'string' && line.channel ? channelName(line.channel) : null,
    ts,
    offset: elapsed,
    user: { id: str(user.id), login: login.toLowerCase(), displayName: str(user.displayName) ?? login },
    text: line.text,
    emotes: emotesOf(line.emotes),
    badges: badgesOf(line.badges),
    bits: Math.max(0, Math.trunc(num(line.bits) ?? 0)),
    action: flags.action === true,
    replyParentId: str(line.replyParentId),
    deleted: line.deleted === true,
    bot: flags.bot === true,
  };
  if (typeof line.topic === 'string') message.topic = line.topic;
  return message;
}

function createParser(): LineParser {
  return {
    line(text: string, lineNo: number, out: SourceEvent[]) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        out.push({ type: 'error', line: lineNo, reason: `not JSON (${(err as Error).message})` });
        return;
      }
      if (!isObject(value)) {
        out.push({ type: 'error', line: lineNo, reason: 'not a JSON object' });
        return;
      }
      if (value.kind === 'stream') {
        const header = streamHint(value.stream);
        if (typeof header === 'string') out.push({ type: 'error', line: lineNo, reason: header });
        else {
          if (header.bad.length) out.push({ type: 'error', line: lineNo, reason: `${header.bad.join('; ')}: ignored` });
          out.push({ type: 'stream', hint: header.hint });
        }
      } else if (value.kind === 'message') {
        const message = messageOf(value);
        if (typeof message === 'string') out.push({ type: 'error', line: lineNo, reason: message });
        else out.push({ type: 'message', line: lineNo, message });
      } else {
        out.push({
          type: 'error',
          line: lineNo,
          reason: value.kind === undefined ? missing('kind') : `unknown kind \`${String(value.kind)}\``,
        });
      }
    },
  };
}

/** Our own JSONL (contracts/jsonl.ts): an optional `{"kind":"stream"}` header, then `{"kind":"message"}` lines. */
export const jsonl: ChatFormat = {
  name: 'jsonl',
  kind: 'lines',
  fields: {
    id: '`id`',
    login: '`user.login`',
    displayName: '`user.displayName`',
    ts: '`ts`',
    offset: '`elapsed`',
    text: '`text`',
    channel: '`channel`',
    replyParentId: '`replyParentId`',
  },
  createParser,
};

import path from 'node:path';
import type { ChatMessage, StreamInfo } from '../../contracts/chat';
import { deriveFlags } from '../ingest/messageFlags';
import { UsageError } from '../errors';
import type {
  FieldNames,
  FormatName,
  SourceDeletion,
  SourceMessage,
  SourcePosition,
  StreamHint,
} from './formats/types';
import { codePointLength } from './formats/common';
import { IMPORT_LIMITS } from './limits';
import {
  checkChannel,
  checkDisplayName,
  checkElapsed,
  checkEpochMs,
  checkId,
  checkLogin,
  checkOffset,
  checkText,
} from './validate';

/** A stream before the archive gives it an id. */
export type StreamDraft = Omit<StreamInfo, 'id'>;

/** A deletion placed on the stream's clock: hides messages with `ts <= ts` (user: of that login). */
export type { StreamDeletion } from '../archive/Archive';
import type { StreamDeletion } from '../archive/Archive';
import { TWITCH_LOGIN } from '../ingest/twitchLogin';

export interface NormaliseOptions {
  format: FormatName;
  /** File name as the user knows it: default title, last-resort channel. */
  fileName: string;
  /** Overrides the channel the file names. */
  channel?: string;
  /** Overrides the title (default: the file name, or the JSONL header's title). */
  title?: string;
  botNames: readonly string[];
  /** How the format names its fields, for the reasons of refused messages. */
  fields: FieldNames;
}

/**
 * Checks every field of a message as the format read it, and cleans what can be cleaned without changing meaning
 * (NULs removed from the text, an empty display name replaced by the login, emote ranges outside the text dropped:
 * they are decoration, the message is kept).
 * @param absoluteTime false when the file says its times are not wall-clock (our export of a stream known only by
 *   offsets: `ts` is then elapsed milliseconds from 0, and only the offset is checked)
 * @returns the reason the message is refused, or null.
 */
export function checkSourceMessage(m: SourceMessage, f: FieldNames, absoluteTime = true): string | null {
  if (m.text.includes('\u0000')) m.text = m.text.replace(/\u0000/g, '');
  if (m.user.displayName.trim() === '') m.user.displayName = m.user.login;
  const length = codePointLength(m.text);
  if (
    m.emotes.some(
      (e) =>
        !(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end && e.end <= length),
    )
  ) {
    m.emotes = m.emotes.filter(
      (e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end && e.end <= length,
    );
  }
  return (
    checkLogin(m.user.login, f.login) ??
    checkDisplayName(m.user.displayName, f.displayName) ??
    (m.user.id !== null ? checkId(m.user.id, 'user id') : null) ??
    (m.id !== null ? checkId(m.id, f.id ?? 'id') : null) ??
    (m.replyParentId !== null ? checkId(m.replyParentId, f.replyParentId ?? 'reply parent id') : null) ??
    (m.channel !== null ? checkChannel(m.channel, f.channel ?? 'channel') : null) ??
    (m.ts !== null && absoluteTime ? checkEpochMs(m.ts, f.ts ?? 'time') : null) ??
    (m.offset !== null ? checkOffset(m.offset, f.offset ?? 'offset') : null) ??
    (m.ts === null && m.offset === null ? `no time (${f.ts ?? f.offset})` : null) ??
    checkText(m.text, f.text) ??
    (!Number.isFinite(m.bits) || m.bits < 0 || m.bits > IMPORT_LIMITS.maxBits
      ? `bits ${m.bits} is out of range`
      : null) ??
    (m.topic !== undefined && m.topic.length > 200 ? '`topic` is over 200 characters' : null)
  );
}

/** A channel from a file name: `PopCorn-2023-01-02.log` -> `popcorn`, `jeanmassiet-vod123.txt` -> `jeanmassiet`. */
export function channelFromFileName(fileName: string): string {
  const base = path
    .basename(fileName)
    .toLowerCase()
    .replace(/(\.(gz|json|jsonl|ndjson|txt|log|csv))+$/, '')
    .replace(/-\d{4}-\d\d-\d\d$/, '')
    .replace(/^#/, '');
  return /^[a-z0-9_]+/.exec(base)?.[0].slice(0, 25) ?? 'imported';
}

/** `--channel` value to a login. @throws UsageError when it cannot be one. */
export function channelOption(raw: string): string {
  const channel = raw.trim().replace(/^#/, '').toLowerCase();
  if (!TWITCH_LOGIN.test(channel))
    throw new UsageError(`channel "${raw}" is not a Twitch login (1-25 letters, digits or _)`);
  return channel;
}

/**
 * Turns format-level messages into full `ChatMessage`s, the same way for every format: picks the stream's channel
 * and clock from the first message (and what the file says about its stream), computes `ts` and `elapsed` from
 * whichever the source has, makes deterministic ids, and derives flags with `deriveFlags`.
 * Messages come out with `streamId: ''`: the archive names the stream.
 */
export class MessageNormaliser {
  /** Set by the first message. */
  stream: StreamDraft | null = null;
  private readonly hints: StreamHint = {};
  private readonly bots: ReadonlySet<string>;
  private readonly channelOverride: string | null;
  /** The first channel a record named: records of another channel are refused (one stream, one channel). */
  private sourceChannel: string | null = null;
  /** Elapsed seconds of the latest message accepted so far, for the monotonic rule (`checkElapsed`). */
  private latest: number | null = null;

  constructor(private readonly options: NormaliseOptions) {
    this.bots = new Set(options.botNames.map((b) => b.toLowerCase()));
    this.channelOverride = options.channel ? channelOption(options.channel) : null;
  }

  /** Records what the file says about its stream. Only hints seen before the first message shape the stream. */
  hint(hint: StreamHint): void {
    for (const [key, value] of Object.entries(hint))
      if (value !== undefined) (this.hints as Record<string, unknown>)[key] = value;
  }

  /** @returns the message, or the reason it is skipped. */
  message(m: SourceMessage, at: SourcePosition): ChatMessage | string {
    const bad = checkSourceMessage(m, this.options.fields, this.hints.absoluteTime !== false);
    if (bad) return bad;
    if (m.channel) {
      this.sourceChannel ??= m.channel;
      if (m.channel !== this.sourceChannel)
        return `message in #${m.channel}, but this file's chat is #${this.sourceChannel}`;
    }
    const stream = (this.stream ??= this.open(m));
    let ts: number;
    let elapsed: number;
    if (m.offset !== null) {
      elapsed = m.offset;
      ts = m.ts ?? stream.startedAt + m.offset * 1000;
    } else {
      ts = m.ts!;
      elapsed = (ts - stream.startedAt) / 1000;
    }
    const late = checkElapsed(elapsed, this.latest);
    if (late) return late;
    this.latest = Math.max(this.latest ?? elapsed, elapsed);
    const flags = deriveFlags(m.text, m.user.login, this.bots, { action: m.action, bits: m.bits });
    // Our own JSONL carries the writer's bot flag, decided with its own bot list.
    if (m.bot) flags.bot = true;
    const message: ChatMessage = {
      id: m.id ?? (at.record !== undefined ? `r${at.record}` : `l${at.line}`),
      channel: stream.channel,
      streamId: '',
      ts: Math.round(ts),
      elapsed,
      user: m.user,
      text: m.text,
      emotes: m.emotes,
      badges: m.badges,
      flags,
      bits: m.bits,
      replyParentId: m.replyParentId,
      deleted: m.deleted,
    };
    if (m.topic !== undefined) message.topic = m.topic;
    return message;
  }

  /** Places a deletion on the stream's clock; null before the first message (nothing to hide yet). */
  deletion(d: SourceDeletion): StreamDeletion | null {
    const stream = this.stream;
    if (!stream) return null;
    if (d.kind === 'message') return d;
    // Without a time, the event hides everything before it in the file: all messages so far.
    const ts = d.ts ?? (d.offset !== null ? stream.startedAt + d.offset * 1000 : Number.MAX_SAFE_INTEGER);
    return d.kind === 'user' ? { kind: 'user', login: d.login, ts } : { kind: 'channel', ts };
  }

  private open(first: SourceMessage): StreamDraft {
    const h = this.hints;
    const channel = this.channelOverride ?? h.channel ?? first.channel ?? channelFromFileName(this.options.fileName);
    let startedAt: number;
    let absoluteTime = true;
    if (h.startedAt !== undefined) startedAt = h.startedAt;
    else if (first.ts !== null) startedAt = first.offset !== null ? first.ts - first.offset * 1000 : first.ts;
    else if (h.startedAtFallback !== undefined) startedAt = h.startedAtFallback;
    else {
      // Offsets only (TwitchDownloader TXT with relative times): no wall clock; ts = elapsed * 1000.
      startedAt = 0;
      absoluteTime = false;
    }
    if (h.absoluteTime === false) absoluteTime = false;
    return {
      channel,
      source: h.source ?? 'import',
      title: this.options.title ?? h.title ?? this.options.fileName,
      startedAt: Math.round(startedAt),
      absoluteTime,
      importFormat: h.importFormat !== undefined ? h.importFormat : this.options.format,
    };
  }
}

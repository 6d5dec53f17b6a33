import type { ChannelRef, ChatMessage } from '../../contracts/chat';
import { iteratePages, type Archive } from '../archive/Archive';

export interface RecentChatOptions {
  /** Epoch ms now. */
  now: number;
  /** The stream goes on only when its last message is less than this old (the segmenter's silence). */
  silenceMs: number;
  /** Stream seconds before its last message to read back (the topic window's length). */
  seconds: number;
  /** Most messages to return: the newest (the topic window's size). */
  maxMessages: number;
}

/**
 * The last minutes of the stream a live channel goes on (a server restart or a takeover within the silence that
 * would start a new stream), oldest first; none when the channel's latest stream is over.
 * @example recentChat(archive, { platform: 'twitch', name: 'zerator' }, { now: Date.now(), silenceMs, seconds: 600, maxMessages: 5000 })
 */
export function recentChat(
  archive: Pick<Archive, 'latestStream' | 'readPage'>,
  channel: ChannelRef,
  options: RecentChatOptions,
): ChatMessage[] {
  const latest = archive.latestStream(channel);
  if (!latest || options.now - latest.lastTs >= options.silenceMs || options.maxMessages <= 0) return [];
  const from = Math.max(0, (latest.lastTs - latest.startedAt) / 1000 - options.seconds);
  const kept: ChatMessage[] = [];
  for (const message of iteratePages(archive, latest.streamId, 2000, { elapsed: from, rowid: -1 })) {
    kept.push(message);
    // Only the newest are kept: a busy stream's minutes may hold more than the window does.
    if (kept.length > 2 * options.maxMessages) kept.splice(0, kept.length - options.maxMessages);
  }
  return kept.slice(-options.maxMessages);
}

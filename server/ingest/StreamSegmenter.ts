/** Where a channel's current stream stands. */
export interface StreamPosition {
  streamId: string;
  /** Epoch ms of the stream's first message (elapsed = 0). */
  startedAt: number;
  /** Epoch ms of the newest message seen in the stream. */
  lastTs: number;
}

export interface StreamSegmenterOptions {
  /** A new stream starts with the first message that follows at least this much silence. Default 30 minutes. */
  silenceMs?: number;
  /** Creates a stream (the server wires it to the archive) and returns its id. */
  createStream: (channel: string, startedAt: number) => string;
  /**
   * The channel's latest stream as persisted, consulted once per channel (the first time it is seen), so that a
   * server restart within the silence continues the same stream instead of starting a new one.
   */
  lastKnown?: (channel: string) => StreamPosition | null;
}

export interface StreamAssignment {
  streamId: string;
  /** Seconds since the stream's first message (never negative). */
  elapsed: number;
  /** True when this message opened a new stream. */
  startedNew: boolean;
}

export const DEFAULT_SILENCE_MS = 30 * 60_000;

/**
 * Cuts each channel's live chat into streams (sessions): a message that comes `silenceMs` or more after the
 * previous message of its channel opens a new stream; the stream's clock (`elapsed`) counts from its first message.
 * Pure apart from the two callbacks; channels are independent. Timestamps that go backwards (clock skew between
 * messages) stay in the current stream, with `elapsed` clamped at 0.
 */
export class StreamSegmenter {
  private readonly silenceMs: number;
  private readonly streams = new Map<string, StreamPosition>();

  constructor(private readonly options: StreamSegmenterOptions) {
    this.silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
    if (!(this.silenceMs > 0)) throw new RangeError(`silenceMs must be positive, got ${options.silenceMs}`);
  }

  /** Places a message of `channel` sent at `ts` (epoch ms) in a stream, creating the stream when one starts. */
  assign(channel: string, ts: number): StreamAssignment {
    let current = this.streams.get(channel);
    if (current === undefined) {
      const known = this.options.lastKnown?.(channel) ?? null;
      if (known) {
        current = { ...known };
        this.streams.set(channel, current);
      }
    }

    if (current === undefined || ts - current.lastTs >= this.silenceMs) {
      const streamId = this.options.createStream(channel, ts);
      this.streams.set(channel, { streamId, startedAt: ts, lastTs: ts });
      return { streamId, elapsed: 0, startedNew: true };
    }

    if (ts > current.lastTs) current.lastTs = ts;
    return { streamId: current.streamId, elapsed: Math.max(0, (ts - current.startedAt) / 1000), startedNew: false };
  }

  /** The channel's current stream, if one is known in memory. */
  current(channel: string): StreamPosition | null {
    const position = this.streams.get(channel);
    return position ? { ...position } : null;
  }

  /** Forgets a channel (the next message consults `lastKnown` again). */
  forget(channel: string): void {
    this.streams.delete(channel);
  }
}

import type { ChatMessage } from '../../contracts/chat';
import type {
  ChannelInfo,
  ChannelKind,
  ChannelState,
  ChatLine,
  RateSnapshot,
  ReplayStatus,
} from '../../contracts/socket-events';
import { LinkGaps } from '../ingest/LinkGaps';
import { RateTracker } from './RateTracker';

/** Where a channel taken over from another node of the deployment goes on from. */
export interface ChannelResume {
  /** The first seq here is past this one, so browsers that saw the old owner's lines take the new ones as new. */
  afterSeq: number;
  /** Epoch ms since when nobody listened (the old owner's last sign of life). */
  downSince: number;
  /** The channel's rate the old owner reported, for the estimate of what was lost. */
  ratePerSecond: number;
  /** The old owner's message count: the count goes on from it. */
  messageCount: number;
}

/** Ten minutes of per-second rates: enough for the 60 s rolling average and a readable chart. */
export const RATE_WINDOW_SECONDS = 600;

/**
 * One dashboard channel: numbers its messages (`seq`), keeps a bounded backlog for browsers that reconnect, and
 * tracks its message rate. Knows nothing about where messages come from or where they go.
 */
export class ChannelFeed {
  private seq = 0;
  private readonly backlog: ChatLine[] = [];
  readonly rate = new RateTracker(RATE_WINDOW_SECONDS);
  state: ChannelState;
  streamId: string | null = null;
  error: string | null = null;
  clock = 0;
  messageCount = 0;
  /** Line numbers minus this are the message count (not 0 after a takeover: see `ChannelResume`). */
  private seqOffset = 0;
  replay: ReplayStatus | null = null;
  /** Live channels: drops of the link to Twitch and the chat they lost. */
  readonly link: LinkGaps | null;

  constructor(
    readonly key: string,
    readonly kind: ChannelKind,
    private readonly backlogSize: number,
    initialState: ChannelState,
    resume: ChannelResume | null = null,
  ) {
    this.state = initialState;
    this.link = kind === 'live' ? new LinkGaps() : null;
    if (resume) {
      this.seq = resume.afterSeq;
      this.messageCount = resume.messageCount;
      this.seqOffset = resume.afterSeq - resume.messageCount;
      this.link?.takenOver(resume.downSince, resume.ratePerSecond);
    }
  }

  /** The seq of the last line numbered. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Changes the channel's state; a live channel's link drops are counted. */
  setState(state: ChannelState, error: string | null): void {
    this.state = state;
    this.error = error;
    this.link?.state(state, Date.now(), this.rate.recentRate());
  }

  /** Numbers messages and remembers them. A message of a new stream resets the rate window. */
  append(messages: readonly ChatMessage[]): ChatLine[] {
    const lines: ChatLine[] = [];
    for (const message of messages) {
      if (message.streamId !== this.streamId) {
        if (this.streamId !== null) this.rate.reset();
        this.streamId = message.streamId;
      }
      const line = { seq: ++this.seq, message };
      lines.push(line);
      this.backlog.push(line);
      this.rate.add(message.elapsed);
      this.clock = Math.max(this.clock, message.elapsed);
    }
    this.messageCount += messages.length;
    const excess = this.backlog.length - this.backlogSize;
    // Trim in chunks: splicing the front on every message would be O(n) each time.
    if (excess > this.backlogSize / 4) {
      this.backlog.splice(0, excess);
    }
    return lines;
  }

  /** Marks backlog messages deleted; returns the ids found. */
  markDeleted(ids: ReadonlySet<string>): string[] {
    const found: string[] = [];
    for (const line of this.backlog) {
      if (ids.has(line.message.id) && !line.message.deleted) {
        line.message.deleted = true;
        found.push(line.message.id);
      }
    }
    return found;
  }

  /** Lines with seq > `afterSeq`, at most the last `backlogSize`. */
  linesAfter(afterSeq: number): ChatLine[] {
    const from = this.backlog.findIndex((l) => l.seq > afterSeq);
    if (from < 0) return [];
    return this.backlog.slice(Math.max(from, this.backlog.length - this.backlogSize));
  }

  /**
   * Restarts the stream clock and rate window (replay seek, "Play again").
   * @param played the messages of the stream before `clock`: the count now reads what has played up to there
   */
  resetClock(clock: number, played: number): void {
    this.rate.reset();
    this.clock = clock;
    this.messageCount = played;
  }

  rateSnapshot(): RateSnapshot {
    return {
      channel: this.key,
      points: this.rate.snapshot(this.clock),
      windowSeconds: RATE_WINDOW_SECONDS,
      clock: this.clock,
    };
  }

  info(): ChannelInfo {
    return {
      key: this.key,
      kind: this.kind,
      state: this.state,
      streamId: this.streamId,
      messageCount: this.messageCount,
      ...(this.seqOffset !== 0 ? { seqOffset: this.seqOffset } : {}),
      error: this.error,
      replay: this.replay,
      link: this.link?.losses(Date.now()) ?? null,
    };
  }
}

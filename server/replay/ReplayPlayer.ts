import type { ChatMessage } from '../../contracts/chat';
import type { ReplayControl, ReplayStatus } from '../../contracts/socket-events';
import type { Archive, PageCursor } from '../archive/Archive';
import { RequestError } from '../errors';

export const MIN_REPLAY_SPEED = 1;
export const MAX_REPLAY_SPEED = 1000;
const PAGE_SIZE = 2000;

export interface ReplayPlayerOptions {
  archive: Archive;
  streamId: string;
  speed: number;
  /** Receives each batch of messages whose time has come, in time order. */
  emit: (messages: ChatMessage[]) => void;
  /** Called when position, pause or end change (not on every tick). */
  onStatus: (status: ReplayStatus, reason: 'control' | 'ended' | 'tick') => void;
  /** Called after a seek, before messages from the new position arrive. */
  onSeek?: (position: number) => void;
  /** Tick period in ms (default 100). */
  tickMs?: number;
  now?: () => number;
}

/**
 * Plays an archived stream back on its own clock: the messages' elapsed seconds, scaled by a speed from x1 to
 * x1000. Reads the archive page by page (bounded memory for any stream) and never holds a statement open between
 * ticks, so live archiving on the same connection goes on.
 */
export class ReplayPlayer {
  private speed: number;
  private paused = false;
  private ended = false;
  /** Replay clock at `wallAnchor`. */
  private positionAnchor = 0;
  private wallAnchor: number;
  private cursor: PageCursor | null = null;
  private buffer: ChatMessage[] = [];
  private bufferIndex = 0;
  private exhausted = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;
  readonly duration: number;

  constructor(private readonly options: ReplayPlayerOptions) {
    const stream = options.archive.requireStream(options.streamId);
    this.duration = stream.durationSeconds;
    this.speed = ReplayPlayer.checkSpeed(options.speed);
    this.now = options.now ?? Date.now;
    this.wallAnchor = this.now();
  }

  static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed < MIN_REPLAY_SPEED || speed > MAX_REPLAY_SPEED) {
      throw new RequestError(
        `replay speed must be between x${MIN_REPLAY_SPEED} and x${MAX_REPLAY_SPEED}, got ${speed}`,
        { code: 'replay.bad-speed', params: { min: MIN_REPLAY_SPEED, max: MAX_REPLAY_SPEED, speed: String(speed) } },
      );
    }
    return speed;
  }

  start(): void {
    if (this.stopped || this.timer) return;
    this.wallAnchor = this.now();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 100);
    this.tick();
  }

  /**
   * Stops for good: clears the tick timer and drops the buffered page (up to 2,000 messages), so a stopped player
   * that is still referenced somewhere holds nothing big. Ticks and `start` after this do nothing.
   */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.buffer = [];
    this.bufferIndex = 0;
    this.cursor = null;
  }

  /** True while its tick timer runs (between `start` and `stop`). */
  get running(): boolean {
    return this.timer !== null;
  }

  /** Current replay clock in elapsed seconds. */
  position(): number {
    if (this.paused || this.ended) return this.positionAnchor;
    return Math.min(this.duration, this.positionAnchor + ((this.now() - this.wallAnchor) / 1000) * this.speed);
  }

  status(): ReplayStatus {
    return {
      streamId: this.options.streamId,
      speed: this.speed,
      position: this.position(),
      duration: this.duration,
      paused: this.paused,
      ended: this.ended,
    };
  }

  control(control: ReplayControl): ReplayStatus {
    if (typeof control !== 'object' || control === null) throw new RequestError('replay control: expected an object');
    const position = this.position();
    switch (control.action) {
      case 'pause':
        this.positionAnchor = position;
        this.paused = true;
        break;
      case 'resume':
        if (this.ended) this.seekTo(0);
        this.paused = false;
        this.wallAnchor = this.now();
        break;
      case 'speed':
        this.speed = ReplayPlayer.checkSpeed(control.speed);
        this.positionAnchor = position;
        this.wallAnchor = this.now();
        break;
      case 'seek': {
        if (!Number.isFinite(control.position)) throw new RequestError('seek position must be a number of seconds');
        this.seekTo(Math.max(0, Math.min(this.duration, control.position)));
        break;
      }
      default:
        throw new RequestError(`unknown replay control ${JSON.stringify((control as { action?: unknown })?.action)}`);
    }
    const status = this.status();
    this.options.onStatus(status, 'control');
    return status;
  }

  private seekTo(position: number): void {
    this.positionAnchor = position;
    this.wallAnchor = this.now();
    // (position, -1) sorts before every message at exactly `position`, so those are replayed too.
    this.cursor = { elapsed: position, rowid: -1 };
    this.buffer = [];
    this.bufferIndex = 0;
    this.exhausted = false;
    this.ended = false;
    this.options.onSeek?.(position);
  }

  /** Emits every buffered message whose time has come; refills from the archive as needed. */
  tick(): void {
    if (this.paused || this.ended || this.stopped) return;
    const position = this.position();
    const due: ChatMessage[] = [];
    for (;;) {
      if (this.bufferIndex >= this.buffer.length) {
        if (this.exhausted) break;
        const page = this.options.archive.readPage(this.options.streamId, this.cursor, PAGE_SIZE);
        this.buffer = page.messages;
        this.bufferIndex = 0;
        if (page.cursor) this.cursor = page.cursor;
        if (page.messages.length < PAGE_SIZE) this.exhausted = true;
        if (page.messages.length === 0) break;
      }
      const next = this.buffer[this.bufferIndex]!;
      if (next.elapsed > position) break;
      due.push(next);
      this.bufferIndex++;
    }
    if (due.length > 0) this.options.emit(due);
    if (this.exhausted && this.bufferIndex >= this.buffer.length && position >= this.duration) {
      this.positionAnchor = this.duration;
      this.ended = true;
      this.options.onStatus(this.status(), 'ended');
    } else {
      this.options.onStatus(this.status(), 'tick');
    }
  }
}

import type { ChannelInfo, ReplayControl } from '../../contracts/socket-events';
import type { Archive } from '../archive/Archive';
import type { ChatHub } from '../channels/ChatHub';
import { QuotaError } from '../channels/QuotaError';
import { RequestError } from '../errors';
import { ReplayPlayer } from '../replay/ReplayPlayer';

/** How often a playing replay re-announces its position to the channel list (the UI's progress bar). */
const STATUS_EVERY_MS = 1000;

/**
 * Opens replays of archived streams as dashboard channels (`replay-1`, `replay-2`, ...), each driven by its own
 * `ReplayPlayer`, all publishing into the hub like any live source. At most `maxReplays` are open at once: each
 * holds a feed backlog, a page of the archive and (through the hub) a topic engine until it is closed.
 */
export class ReplaySources {
  private readonly players = new Map<string, ReplayPlayer>();
  private counter = 0;

  constructor(
    private readonly hub: ChatHub,
    private readonly archive: Archive,
    private readonly now: () => number = Date.now,
    /** Replays open at once (config `maxReplays`); ended ones count until closed. */
    private readonly maxReplays = Number.POSITIVE_INFINITY,
    /** Replay keys are this plus a number (a node of a deployment puts its id in it). */
    private readonly keyPrefix = 'replay-',
  ) {}

  /**
   * Starts a replay; throws a `RequestError` for an unknown stream or a bad speed, and a `QuotaError` when
   * `maxReplays` are open already.
   */
  start(streamId: string, speed: number): ChannelInfo {
    ReplayPlayer.checkSpeed(speed);
    this.archive.requireStream(streamId);
    if (this.players.size >= this.maxReplays) {
      throw new QuotaError(
        `cannot open another replay: ${this.players.size} are open, the most allowed; close one first`,
        'maxReplays',
        { code: 'quota.replays', params: { open: this.players.size } },
      );
    }
    let key: string;
    do key = `${this.keyPrefix}${++this.counter}`;
    while (this.hub.has(key));
    const feed = this.hub.open({ key, kind: 'replay', state: 'playing', archive: false });
    let lastAnnounce = 0;
    const player = new ReplayPlayer({
      archive: this.archive,
      streamId,
      speed,
      now: this.now,
      emit: (messages) => this.hub.publish(key, messages),
      onSeek: (position) => feed.resetClock(position, this.archive.countMessagesBefore(streamId, position)),
      onStatus: (status, reason) => {
        feed.replay = status;
        // The stream clock is the transport's position (ended: the end), so the two never disagree.
        feed.clock = status.ended ? status.position : Math.max(feed.clock, status.position);
        const state = status.ended ? 'ended' : status.paused ? 'paused' : 'playing';
        const t = this.now();
        if (reason !== 'tick' || feed.state !== state || t - lastAnnounce >= STATUS_EVERY_MS) {
          lastAnnounce = t;
          feed.state = state;
          this.hub.changed();
        }
      },
    });
    feed.streamId = streamId;
    feed.replay = player.status();
    this.players.set(key, player);
    player.start();
    return this.hub.info(feed);
  }

  control(key: string, control: ReplayControl): ChannelInfo {
    const player = this.players.get(key);
    if (!player) throw new RequestError(`no replay "${key}"`, { code: 'replay.unknown', params: { key } });
    player.control(control);
    return this.hub.info(this.hub.feed(key));
  }

  has(key: string): boolean {
    return this.players.has(key);
  }

  /** Replays open now (what `maxReplays` limits; tests check it returns to zero). */
  get size(): number {
    return this.players.size;
  }

  /**
   * Closes a replay: its player stops (timer cleared, archive page dropped) and its channel closes, which tells the
   * hub's listeners (the socket layer, the topic engine that closes the channel's engine).
   */
  stop(key: string): void {
    this.players.get(key)?.stop();
    this.players.delete(key);
    this.hub.close(key);
  }

  stopAll(): void {
    for (const key of [...this.players.keys()]) this.stop(key);
  }
}

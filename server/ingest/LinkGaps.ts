import type { ChannelState, LinkLosses } from '../../contracts/socket-events';

/**
 * Counts the times a live channel's link to Twitch went down and how long it stayed down. Twitch does not replay
 * what was said meanwhile, so that chat is lost for good: the dashboard says how much, estimated from the
 * channel's rate just before the drop, rather than letting a gap in the archive pass unnoticed.
 *
 * @example
 * const gaps = new LinkGaps();
 * gaps.state('connected', 0); gaps.state('reconnecting', 1000); gaps.state('connected', 4000, 12);
 * gaps.losses(); // { drops: 1, offlineSeconds: 3, missedEstimate: 36, down: false }
 */
export class LinkGaps {
  private drops = 0;
  private offlineMs = 0;
  private missed = 0;
  private downSince: number | null = null;
  private wasUp = false;
  /** The rate before an outage another node's death caused (this node never saw it). */
  private rateBefore: number | null = null;

  /**
   * Records that nobody listened since `since`: the channel's previous owner, another node, died or left then. The
   * outage closes when this node's link connects, like a drop of its own.
   * @param since epoch ms of the previous owner's last sign of life
   * @param ratePerSecond the channel's rate the previous owner reported
   */
  takenOver(since: number, ratePerSecond: number): void {
    this.drops++;
    this.downSince = since;
    this.wasUp = true;
    this.rateBefore = ratePerSecond;
  }

  /**
   * Follows the channel's state.
   * @param now epoch ms
   * @param ratePerSecond the channel's message rate before the drop (for the estimate of what was missed)
   */
  state(state: ChannelState, now: number, ratePerSecond = 0): void {
    if (state === 'connected') {
      if (this.downSince !== null) {
        const ms = Math.max(0, now - this.downSince);
        this.offlineMs += ms;
        this.missed += Math.round((ms / 1000) * (this.rateBefore ?? ratePerSecond));
        this.downSince = null;
        this.rateBefore = null;
      }
      this.wasUp = true;
    } else if (state === 'reconnecting' && this.wasUp && this.downSince === null) {
      this.drops++;
      this.downSince = now;
    }
  }

  /** @param now epoch ms: a link still down counts up to now */
  losses(now: number): LinkLosses {
    const running = this.downSince !== null ? Math.max(0, now - this.downSince) : 0;
    return {
      drops: this.drops,
      offlineSeconds: Math.round((this.offlineMs + running) / 100) / 10,
      missedEstimate: this.missed,
      down: this.downSince !== null,
    };
  }
}

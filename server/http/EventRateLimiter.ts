import type { Socket } from 'socket.io';
import type { Ack } from '../../contracts/socket-events';
import { QuotaError } from '../channels/QuotaError';
import type { Logger } from '../logger';
import { serverMessageOf } from '../serverMessage';
import { refusalArgs } from './refusalArgs';
import { TokenBucket } from './TokenBucket';

/** Refusals are counted over this window: a client refused more than `floodLimit` times in it is disconnected. */
export const FLOOD_WINDOW_MS = 10_000;

export interface EventRateLimits {
  /** Sustained socket events per second, per connection. */
  ratePerSecond: number;
  /** Most events at once. */
  burst: number;
  /** Refused events within {@link FLOOD_WINDOW_MS} after which the connection is closed. */
  floodLimit: number;
}

/** What to do with one incoming event. */
export type RateVerdict = 'accept' | 'refuse' | 'disconnect';

/**
 * The per-connection decision, apart from socket.io so it can be tested with a fake clock: a token bucket for the
 * events, and a count of refusals so a client that keeps flooding (a loop, a bug) is cut off instead of costing
 * an answer per event for ever.
 */
export class EventRateLimiter {
  private readonly bucket: TokenBucket;
  private refusals = 0;
  private windowStart: number;
  /** Refused events since the connection opened. */
  refusedTotal = 0;

  constructor(
    readonly limits: EventRateLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(limits.ratePerSecond, limits.burst, now);
    this.windowStart = now();
  }

  /** Decides about one event: accepted (a token taken), refused, or refused and over the flood bound. */
  check(): RateVerdict {
    if (this.bucket.take()) return 'accept';
    const t = this.now();
    if (t - this.windowStart >= FLOOD_WINDOW_MS) {
      this.windowStart = t;
      this.refusals = 0;
    }
    this.refusals++;
    this.refusedTotal++;
    return this.refusals > this.limits.floodLimit ? 'disconnect' : 'refuse';
  }

  /** The error a refused event's ack carries: which limit, and the settings that raise it. */
  error(event: string): QuotaError {
    const { ratePerSecond, burst } = this.limits;
    return new QuotaError(
      `too many socket events from this connection: "${event}" was ignored (at most ${ratePerSecond} per second, bursts of ${burst}: socketEventBurst)`,
      'socketEventRate',
      { code: 'quota.events', params: { event, rate: ratePerSecond, burst } },
    );
  }
}

/**
 * Installs an {@link EventRateLimiter} on a connection, before every handler: a refused event is dropped and its ack
 * (when it has one) answers `{ ok: false, error }`; past the flood bound the connection is closed and logged (warn).
 */
export function limitSocketEvents(socket: Socket, limits: EventRateLimits, logger: Logger): EventRateLimiter {
  const limiter = new EventRateLimiter(limits);
  socket.use((packet, next) => {
    // Packets already read when the connection was cut still come through here: drop them without a word.
    if (!socket.connected) return;
    const verdict = limiter.check();
    if (verdict === 'accept') return next();
    const [event, ...args] = packet;
    if (verdict === 'disconnect') {
      logger.warn(
        {
          socket: socket.id,
          address: socket.handshake.address,
          event,
          refused: limiter.refusedTotal,
          floodLimit: limits.floodLimit,
        },
        'socket.io client disconnected: it kept sending events over the rate limit',
      );
      socket.disconnect(true);
      return;
    }
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as Ack)(...refusalArgs(serverMessageOf(limiter.error(String(event)))));
    // next() is not called: the event never reaches its handler.
  });
  return limiter;
}

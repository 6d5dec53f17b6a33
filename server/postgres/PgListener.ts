import type pg from 'pg';
import { newPgClient } from './PgConnection';

/** Longest pause between two tries to listen again after the listening connection was lost. */
const RELISTEN_MAX_MS = 10_000;

export interface PgListenerOptions {
  /** A notification on the channel, with its payload. */
  onNotify: (payload: string) => void;
  /** Listening again after the connection was lost: whatever was notified meanwhile was missed. */
  onResumed: () => void;
}

/**
 * A connection that `LISTEN`s on one channel and comes back by itself: once lost (PostgreSQL restarted, the network
 * dropped) it reconnects with a growing pause and then says so, since it may have missed notifications.
 *
 * @example
 * const listener = await PgListener.start(url, 'chat_topics_streams', { onNotify, onResumed: reload });
 * await listener.close();
 */
export class PgListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;

  private constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly options: PgListenerOptions,
  ) {}

  /**
   * Connects and listens.
   * @param channel a PostgreSQL identifier (ours, never from input)
   * @throws Error when the first connection fails
   */
  static async start(url: string, channel: string, options: PgListenerOptions): Promise<PgListener> {
    const listener = new PgListener(url, channel, options);
    await listener.listen();
    return listener;
  }

  private async listen(): Promise<void> {
    const client = newPgClient(this.url);
    const lost = () => {
      if (this.closing || this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      this.retry(500);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.options.onNotify(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      void client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
  }

  private retry(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.listen().then(
        () => this.options.onResumed(),
        () => {
          if (!this.closing) this.retry(Math.min(delayMs * 2, RELISTEN_MAX_MS));
        },
      );
    }, delayMs);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

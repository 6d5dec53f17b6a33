import type { ChannelChanges, ChannelInfo } from '../../contracts/socket-events';

/** Default coalescing delay: a burst of joins or state changes goes out as one event, and the UI still feels live. */
export const CHANNEL_CHANGES_COALESCE_MS = 250;

/**
 * Turns "the channel list may have changed" notices into `{ changed, removed }` messages, at most one per
 * `coalesceMs`. Sending the whole list to every client on every change cost O(channels x changes x clients): 2,000
 * joins sent each observer 3,807 full lists. Now a client gets the full list once (on connect) and then only what
 * differs from the previous message, compared by value, so the per-second message counts also ride along here.
 */
export class ChannelListChanges {
  /** What clients were last told, by key, as JSON (cheap value comparison for a few dozen small objects). */
  private sent: Map<string, string>;
  private timer: NodeJS.Timeout | null = null;

  /**
   * @param list the current channel list (the hub's)
   * @param emit receives each non-empty set of changes
   * @param coalesceMs longest a change waits for others to join it
   */
  constructor(
    private readonly list: () => ChannelInfo[],
    private readonly emit: (changes: ChannelChanges) => void,
    private readonly coalesceMs = CHANNEL_CHANGES_COALESCE_MS,
  ) {
    this.sent = jsonByKey(index(list()));
  }

  /** Something may have changed: schedules one diff within `coalesceMs` (further notices until then join it). */
  notify(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.coalesceMs);
  }

  /** Diffs the list against what was last sent, emits the difference if any, and returns it (null when none). */
  flush(): ChannelChanges | null {
    const now = index(this.list());
    const changed: ChannelInfo[] = [];
    for (const [key, entry] of now) if (this.sent.get(key) !== entry.json) changed.push(entry.info);
    const removed = [...this.sent.keys()].filter((key) => !now.has(key));
    this.sent = jsonByKey(now);
    if (changed.length === 0 && removed.length === 0) return null;
    const changes = { changed, removed };
    this.emit(changes);
    return changes;
  }

  /** Cancels a pending diff (server shutdown). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

type Indexed = Map<string, { info: ChannelInfo; json: string }>;

function index(channels: ChannelInfo[]): Indexed {
  return new Map(channels.map((info) => [info.key, { info, json: JSON.stringify(info) }]));
}

function jsonByKey(indexed: Indexed): Map<string, string> {
  return new Map([...indexed].map(([key, entry]) => [key, entry.json]));
}

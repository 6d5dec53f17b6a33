import { fnv1a32Mixed } from '../../models/random';

/** A message in a channel's topic window: what refits and topic cards need of it. */
export interface WindowEntry {
  seq: number;
  id: string;
  text: string;
  user: string;
  elapsed: number;
  emotes: { name: string }[];
  vector: Float32Array;
  /** Tracked topic id, null for noise or not placed yet. */
  topic: number | null;
  /** Tracked moment id, null for none or not placed yet. */
  moment: number | null;
  /** Placed by a refit or an assignment (false: arrived before the first fit). */
  fitted: boolean;
}

/**
 * The sliding window of a channel's topics: messages of the last `maxSeconds` of stream time, at most `maxMessages`
 * (the oldest leave first). Kept in arrival order, which is stream-time order for a channel.
 */
export class TopicWindow {
  private items: WindowEntry[] = [];
  private head = 0;

  constructor(
    readonly maxSeconds: number,
    readonly maxMessages: number,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds messages and drops what fell out of the window at stream clock `clock`. */
  append(entries: readonly WindowEntry[], clock: number): void {
    for (const e of entries) this.items.push(e);
    const oldest = clock - this.maxSeconds;
    while (this.head < this.items.length && (this.size > this.maxMessages || this.items[this.head]!.elapsed < oldest))
      this.head++;
    // Compact now and then rather than shifting on every message.
    if (this.head > 1024 && this.head > this.items.length / 2) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Removes messages by id; returns how many were in the window. */
  remove(ids: ReadonlySet<string>): number {
    const before = this.size;
    this.items = this.items.slice(this.head).filter((e) => !ids.has(e.id));
    this.head = 0;
    return before - this.size;
  }

  entries(): WindowEntry[] {
    return this.items.slice(this.head);
  }

  countWhere(predicate: (e: WindowEntry) => boolean): number {
    let n = 0;
    for (let i = this.head; i < this.items.length; i++) if (predicate(this.items[i]!)) n++;
    return n;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/**
 * About `most` of `entries` (a share `most / entries.length` of them, chosen by a hash of their ids), in order, the
 * newest always among them (a refit's clock is its newest message's); `entries` itself when they are not more. The
 * choice depends on the id and the share only, so successive refits sample the same messages (a smaller share takes
 * a subset of a larger one's): the next refit starts warm from the messages the last one laid out.
 * @example stableSample(window.entries(), 500) // about 500 of a 2,000-message window, the same ones the next time
 */
export function stableSample(entries: readonly WindowEntry[], most: number): readonly WindowEntry[] {
  if (entries.length <= most) return entries;
  const threshold = (Math.max(0, most) / entries.length) * 4294967296;
  const last = entries.length - 1;
  return entries.filter((e, i) => i === last || fnv1a32Mixed(e.id) < threshold);
}

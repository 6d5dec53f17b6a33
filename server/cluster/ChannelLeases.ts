import type { Redis } from 'ioredis';
import type { LeaseRecord, OwnedState, RedisKeys } from './redisKeys';

// Compare-and-set in Lua: a node may renew or release a lease only while it still holds it, atomically; a GET then
// SET from Node would let a node that stalled past its lease extend the new owner's.
const CLAIM = `
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('get', KEYS[2]) or false}
end
return {0, redis.call('get', KEYS[1]) or false}`;
const RENEW = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2])
  redis.call('set', KEYS[2], ARGV[3])
  return 1
end
return 0`;
const RELEASE = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('del', KEYS[1])
  if ARGV[2] == '' then redis.call('del', KEYS[2]) else redis.call('set', KEYS[2], ARGV[2]) end
  return 1
end
return 0`;

/** What a successful claim learns about the channel's previous owner (null: nobody owned it before). */
export type Claim = { won: true; previous: LeaseRecord | null } | { won: false; holder: string | null };

/**
 * One-owner-per-channel leases in Redis. A lease is a key holding the owner's node id with an expiry; the owner
 * renews it (and writes a {@link LeaseRecord}) well before it expires. When the owner dies the key expires and any
 * node may claim the channel, learning from the record when the dead owner was last heard of and where its numbering
 * stopped.
 */
export class ChannelLeases {
  /**
   * @param redis a command connection
   * @param node this node's id
   * @param leaseMs how long a lease lasts without renewal
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    readonly node: string,
    readonly leaseMs: number,
  ) {}

  /** Takes the channel if nobody holds it. */
  async claim(channel: string): Promise<Claim> {
    const [won, value] = (await this.redis.eval(
      CLAIM,
      2,
      this.keys.lease(channel),
      this.keys.seen(channel),
      this.node,
      String(this.leaseMs),
    )) as [number, string | null];
    if (won !== 1) return { won: false, holder: value };
    return { won: true, previous: value ? parseRecord(value) : null };
  }

  /**
   * Extends this node's lease and records its state.
   * @returns false when the lease is gone or another node holds it: this node must stop owning the channel
   */
  async renew(channel: string, state: OwnedState, now = Date.now()): Promise<boolean> {
    const record: LeaseRecord = { node: this.node, at: now, ...state };
    const ok = await this.redis.eval(
      RENEW,
      2,
      this.keys.lease(channel),
      this.keys.seen(channel),
      this.node,
      String(this.leaseMs),
      JSON.stringify(record),
    );
    return ok === 1;
  }

  /**
   * Gives the channel up now so another node may claim it at once.
   * @param state the channel's last state, for the next owner; null when the channel is left for good (its record is
   *   deleted: a later join starts afresh)
   */
  async release(channel: string, state: OwnedState | null, now = Date.now()): Promise<boolean> {
    const record = state ? JSON.stringify({ node: this.node, at: now, ...state }) : '';
    const ok = await this.redis.eval(RELEASE, 2, this.keys.lease(channel), this.keys.seen(channel), this.node, record);
    return ok === 1;
  }

  /** The owners of these channels (null: none), in order. */
  async holders(channels: readonly string[]): Promise<(string | null)[]> {
    if (channels.length === 0) return [];
    return this.redis.mget(channels.map((c) => this.keys.lease(c)));
  }
}

function parseRecord(json: string): LeaseRecord | null {
  try {
    const value = JSON.parse(json) as Partial<LeaseRecord>;
    if (typeof value.node !== 'string' || typeof value.at !== 'number') return null;
    return {
      node: value.node,
      at: value.at,
      seq: Number(value.seq) || 0,
      rate: Number(value.rate) || 0,
      count: Number(value.count) || 0,
    };
  } catch {
    return null;
  }
}

import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { assignFree } from './assignFree';
import { ChannelLeases } from './ChannelLeases';
import { ClusterError } from './errors';
import { NodeHeartbeats } from './NodeHeartbeats';
import type { LeaseRecord, OwnedState, RedisKeys } from './redisKeys';

/** Channels the deployment spreads over its nodes: live chat, and the demo (one per deployment, not per node). */
export type OwnedKind = 'live' | 'demo';

/** What the coordinator needs of the node it runs on: open and close the channels it owns. */
export interface LocalChannels {
  /**
   * Opens a channel this node now owns.
   * @param previous the last owner's record when the channel was owned before (a takeover): where its numbering
   *   stopped and since when nobody has listened
   */
  open(key: string, kind: OwnedKind, previous: LeaseRecord | null): Promise<void>;
  close(key: string): Promise<void>;
  /** The owned channel's last seq and rate; null when it is no longer open here. */
  state(key: string): OwnedState | null;
  /** Whether this node may open one more channel of this kind (its quota). */
  canOpen(kind: OwnedKind): boolean;
  /** Channels open here that the deployment does not lease (replays): they count in this node's load. */
  unleasedLoad(): number;
}

export interface ClusterCoordinatorDeps {
  /** Command connection. */
  redis: Redis;
  /** A second connection, for the wake-ups (a subscribed connection takes no other commands). */
  subscriber: Redis;
  keys: RedisKeys;
  node: string;
  leaseMs: number;
  local: LocalChannels;
  logger: Logger;
}

/**
 * Spreads the deployment's channels over its nodes. Redis holds the channels wanted (a hash), one lease per channel
 * (its owner) and each node's heartbeat and load. Every node reconciles three times per lease period, and at once when
 * another node changes the wanted list: it renews its leases (and closes a channel whose lease it lost), closes what
 * is no longer wanted, and claims the unowned channels that fall to it. Which node takes an unowned channel is
 * computed the same way on every node: the channels in key order, each to the live node with the fewest channels
 * (ties by id), so a burst of joins or a dead node's channels spread evenly; the lease settles any disagreement.
 */
export class ClusterCoordinator {
  private readonly leases: ChannelLeases;
  private readonly heartbeats: NodeHeartbeats;
  private readonly owned = new Map<string, { kind: OwnedKind; last: OwnedState }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** This node's heartbeat is in Redis (so its absence later means Redis lost its data). */
  private beaten = false;

  constructor(private readonly deps: ClusterCoordinatorDeps) {
    this.leases = new ChannelLeases(deps.redis, deps.keys, deps.node, deps.leaseMs);
    this.heartbeats = new NodeHeartbeats(deps.redis, deps.keys, deps.node, deps.leaseMs);
  }

  get node(): string {
    return this.deps.node;
  }

  /** How long a lease lasts without renewal. */
  get leaseMs(): number {
    return this.deps.leaseMs;
  }

  /** Channels this node owns now. */
  ownedChannels(): string[] {
    return [...this.owned.keys()];
  }

  /** Starts reconciling; resolves after the first pass (so the node's share of the channels is open). */
  async start(): Promise<void> {
    const { subscriber, keys, leaseMs, logger } = this.deps;
    subscriber.on('message', (channel) => {
      if (channel === keys.wake) this.reconcileSoon();
    });
    await subscriber.subscribe(keys.wake);
    this.timer = setInterval(() => this.reconcileSoon(), Math.max(100, Math.floor(leaseMs / 3)));
    this.timer.unref();
    await this.reconcile();
    logger.info({ node: this.node, owned: this.ownedChannels() }, 'cluster node joined');
  }

  /** Adds a channel to the deployment (idempotent); some node, maybe this one, opens it. */
  async want(key: string, kind: OwnedKind): Promise<void> {
    await this.deps.redis.hset(this.deps.keys.wanted, key, kind);
    await this.deps.redis.publish(this.deps.keys.wake, key);
    await this.reconcile();
  }

  /**
   * Removes a channel from the deployment; its owner closes it.
   * @returns false when the channel was not wanted
   */
  async unwant(key: string): Promise<boolean> {
    const removed = await this.deps.redis.hdel(this.deps.keys.wanted, key);
    await this.deps.redis.publish(this.deps.keys.wake, key);
    await this.reconcile();
    return removed > 0;
  }

  /** The node that owns the channel now, or null. */
  async owner(key: string): Promise<string | null> {
    return (await this.leases.holders([key]))[0] ?? null;
  }

  /**
   * Waits until some node owns the channel (`present`) or none does (`!present`).
   * @throws ClusterError after `timeoutMs`
   */
  async waitForOwner(key: string, present: boolean, timeoutMs: number): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const owner = await this.owner(key);
      if ((owner !== null) === present) return owner;
      if (Date.now() >= deadline)
        throw new ClusterError(
          present
            ? `no node of the deployment took "${key}" within ${timeoutMs} ms (every node full, or none alive)`
            : `"${key}" is still owned by node ${owner} after ${timeoutMs} ms`,
          { code: 'cluster.no-owner', params: { channel: key } },
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Runs a reconciliation now, or right after the one running. */
  private reconcileSoon(): void {
    void this.reconcile().catch((err: unknown) =>
      this.deps.logger.warn({ err, node: this.node }, 'cluster reconciliation failed; retrying'),
    );
  }

  /** One reconciliation at a time; a request during one runs once more after it. */
  reconcile(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.closed);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pass(): Promise<void> {
    const { redis, keys, local, logger } = this.deps;
    // The heartbeat first: its absence (Redis lost its data) must be known before any renewal fails on it.
    const loadBefore = this.load();
    const present = await this.beat(Date.now());
    if (this.beaten && !present) await this.reregister();
    this.beaten = true;
    for (const [key, entry] of [...this.owned]) {
      const state = local.state(key);
      if (!state) {
        // Closed here by something other than the coordinator: handed back so that a node opens it again.
        this.owned.delete(key);
        await this.leases.release(key, entry.last);
        logger.warn({ node: this.node, channel: key }, 'owned channel found closed on this node; handed back');
        continue;
      }
      entry.last = state;
      if (await this.leases.renew(key, entry.last)) continue;
      // Another node holds it now (this one stalled past its lease): two owners would archive the chat twice.
      this.owned.delete(key);
      logger.warn({ node: this.node, channel: key }, 'channel lease lost to another node; closing it here');
      await local.close(key);
    }

    const wanted = await redis.hgetall(keys.wanted);
    for (const key of [...this.owned.keys()]) {
      if (key in wanted) continue;
      this.owned.delete(key);
      await local.close(key);
      await this.leases.release(key, null);
    }

    const now = Date.now();
    await this.claimFree(wanted, now);
    // Again only when this pass changed the load, so the others' next assignment counts it.
    if (this.load() !== loadBefore) await this.beat(Date.now());
  }

  /** Claims and opens the wanted channels nobody owns that fall to this node. */
  private async claimFree(wanted: Record<string, string>, now: number): Promise<void> {
    const { local, logger } = this.deps;
    const candidates = Object.keys(wanted)
      .filter((key) => !this.owned.has(key))
      .sort();
    const holders = await this.leases.holders(candidates);
    const free = candidates.filter((_, i) => holders[i] === null);
    if (free.length === 0) return;

    const nodes = await this.heartbeats.alive(now);
    nodes.set(this.node, { load: this.load(), full: !local.canOpen('live') });
    for (const key of assignFree(free, wanted, nodes, this.node, (kind) => local.canOpen(kind))) {
      const kind = wanted[key] as OwnedKind;
      const claim = await this.leases.claim(key);
      if (!claim.won) continue;
      const previous = claim.previous;
      this.owned.set(key, { kind, last: { seq: previous?.seq ?? 0, rate: 0, count: previous?.count ?? 0 } });
      try {
        await local.open(key, kind, previous);
      } catch (err) {
        this.owned.delete(key);
        await this.leases.release(key, previous && { seq: previous.seq, rate: previous.rate, count: previous.count });
        logger.error({ err, node: this.node, channel: key }, 'channel not opened on this node; released');
        continue;
      }
      // Recorded at once: a node that dies right after opening still leaves where its numbering starts.
      const entry = this.owned.get(key)!;
      entry.last = local.state(key) ?? entry.last;
      await this.leases.renew(key, entry.last);
      if (previous && previous.node !== this.node)
        logger.warn(
          { node: this.node, channel: key, from: previous.node, gapSeconds: Math.round((now - previous.at) / 1000) },
          'channel taken over from another node',
        );
      else logger.info({ node: this.node, channel: key }, 'channel opened on this node');
    }
  }

  /**
   * Redis lost the deployment's state (restarted without persistence, flushed): this node's own heartbeat is gone.
   * Its channels go back into the wanted list and it claims their leases again, rather than closing every channel of
   * the deployment at the next renewal and forgetting them.
   */
  private async reregister(): Promise<void> {
    const { redis, keys, local, logger } = this.deps;
    for (const [key, entry] of [...this.owned]) {
      await redis.hset(keys.wanted, key, entry.kind);
      const claim = await this.leases.claim(key);
      if (claim.won || claim.holder === this.node) continue;
      this.owned.delete(key);
      await local.close(key);
    }
    logger.warn(
      { node: this.node, channels: this.ownedChannels() },
      "Redis lost the deployment's state (restarted without persistence?); this node's channels registered again",
    );
  }

  /** @returns whether this node's heartbeat was in Redis already */
  private beat(now: number): Promise<boolean> {
    return this.heartbeats.beat({ load: this.load(), full: !this.deps.local.canOpen('live') }, now);
  }

  /** The channels this node runs: those it owns, and its replays. */
  private load(): number {
    return this.owned.size + this.deps.local.unleasedLoad();
  }

  /**
   * The live node with the least load (this node's counted as it is now, the others' as of their last heartbeat),
   * ties by id: where a new replay goes when every node can read the archive.
   */
  async leastLoaded(now = Date.now()): Promise<string> {
    const nodes = await this.heartbeats.alive(now);
    nodes.set(this.node, { load: this.load(), full: false });
    let best = this.node;
    for (const [id, { load }] of nodes) {
      const bestLoad = nodes.get(best)!.load;
      if (load < bestLoad || (load === bestLoad && id < best)) best = id;
    }
    return best;
  }

  /** Stops reconciling and hands this node's channels back (closed here, leases released with their state). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    const { redis, subscriber, keys, local, logger } = this.deps;
    for (const [key, entry] of [...this.owned]) {
      const state = local.state(key) ?? entry.last;
      await local.close(key).catch((err: unknown) => logger.warn({ err, channel: key }, 'channel close failed'));
      await this.leases.release(key, state).catch(() => false);
    }
    this.owned.clear();
    await this.heartbeats.leave().catch(() => 0);
    // The others claim what was released now rather than at their next tick.
    await redis.publish(keys.wake, '').catch(() => 0);
    await subscriber.unsubscribe(keys.wake).catch(() => undefined);
  }
}

import pino from 'pino';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS, startRedis, type TestRedis } from '../../test/support/redisServer';
import { waitFor } from '../../test/support/waitFor';
import { assignFree } from './assignFree';
import { ClusterCoordinator, type LocalChannels, type OwnedKind } from './ClusterCoordinator';
import { redisKeys, type LeaseRecord } from './redisKeys';

/** A node's channels as the coordinator sees them: what it opened (with the takeover record) and closed. */
class RecordingChannels implements LocalChannels {
  readonly open_ = new Map<string, { kind: OwnedKind; previous: LeaseRecord | null; seq: number }>();
  readonly closed: string[] = [];
  constructor(private readonly max = Infinity) {}
  async open(key: string, kind: OwnedKind, previous: LeaseRecord | null) {
    this.open_.set(key, { kind, previous, seq: (previous?.seq ?? 0) + 100 });
  }
  async close(key: string) {
    this.open_.delete(key);
    this.closed.push(key);
  }
  state(key: string) {
    const c = this.open_.get(key);
    return c ? { seq: c.seq, rate: 2, count: c.seq } : null;
  }
  canOpen(kind: OwnedKind) {
    return kind === 'demo' || this.open_.size < this.max;
  }
  replays = 0;
  unleasedLoad() {
    return this.replays;
  }
  keys() {
    return [...this.open_.keys()].sort();
  }
}

describe('assignFree', () => {
  const nodes = (loads: Record<string, number>, full: string[] = []) =>
    new Map(Object.entries(loads).map(([id, load]) => [id, { load, full: full.includes(id) }]));
  const live = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 'live']));

  it('spreads free channels to the least loaded nodes, ties by id, the same on every node', () => {
    const free = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const n = nodes({ a: 0, b: 2, c: 0 });
    const mine = (self: string) => assignFree(free, live(free), n, self, () => true);
    // a and c fill up to b's two first; then the three are level and the ties go by id.
    expect(mine('a')).toEqual(['c1', 'c3', 'c5']);
    expect(mine('c')).toEqual(['c2', 'c4']);
    expect(mine('b')).toEqual([]);
  });

  it('passes over a node at its quota', () => {
    const free = ['c1', 'c2'];
    expect(assignFree(free, live(free), nodes({ a: 0, b: 5 }, ['a']), 'b', () => true)).toEqual(['c1', 'c2']);
    expect(assignFree(free, live(free), nodes({ a: 0, b: 5 }), 'a', () => false)).toEqual([]);
  });
});

describe.skipIf(!HAS_REDIS)('ClusterCoordinator on a real Redis', () => {
  let server: TestRedis;
  let prefix = 0;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    server = await startRedis();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  afterAll(async () => server?.close());

  /** A node: its own two connections (cut them to kill it), its coordinator and its channels. */
  async function node(id: string, keyspace: string, options: { leaseMs?: number; max?: number } = {}) {
    const redis = new Redis(server.url);
    const subscriber = new Redis(server.url);
    const local = new RecordingChannels(options.max);
    const coordinator = new ClusterCoordinator({
      redis,
      subscriber,
      keys: redisKeys(keyspace),
      node: id,
      leaseMs: options.leaseMs ?? 600,
      local,
      logger: pino({ level: 'silent' }),
    });
    cleanups.push(async () => {
      await coordinator.close();
      redis.disconnect();
      subscriber.disconnect();
    });
    await coordinator.start();
    const kill = () => {
      // What SIGKILL does to a node, seen from Redis: its connections drop and it renews nothing more.
      redis.disconnect();
      subscriber.disconnect();
    };
    return { coordinator, local, kill, redis };
  }

  it('spreads wanted channels over the nodes and opens each on one node only', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks);
    const b = await node('b', ks);
    for (const ch of ['c1', 'c2', 'c3', 'c4']) await a.coordinator.want(ch, 'live');
    await waitFor(() => a.local.keys().length + b.local.keys().length === 4, 'all four channels open');
    await b.coordinator.reconcile();
    expect(a.local.keys().length).toBe(2);
    expect(b.local.keys().length).toBe(2);
    expect(new Set([...a.local.keys(), ...b.local.keys()]).size).toBe(4);
    for (const ch of a.local.keys()) expect(await b.coordinator.owner(ch)).toBe('a');
  });

  it("takes a dead node's channels over within the lease, with when it was last heard of and its numbering", async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks, { leaseMs: 600 });
    await a.coordinator.want('zerator', 'live');
    expect(a.local.keys()).toEqual(['zerator']);
    const b = await node('b', ks, { leaseMs: 600 });
    await b.coordinator.reconcile();
    expect(b.local.keys()).toEqual([]);
    await a.coordinator.reconcile(); // renews: records seq 100
    const killedAt = Date.now();
    a.kill();
    await waitFor(() => b.local.keys().includes('zerator'), 'b took zerator over', 3000);
    const tookMs = Date.now() - killedAt;
    const taken = b.local.open_.get('zerator')!;
    expect(taken.previous).toMatchObject({ node: 'a', seq: 100, rate: 2 });
    expect(taken.previous!.at).toBeLessThanOrEqual(killedAt);
    // Within the lease plus one reconciliation period (a third of it), with some slack for a busy machine.
    expect(tookMs).toBeLessThan(600 + 200 + 500);
  });

  it('places a replay on the least loaded node, counting the replays each runs', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks);
    const b = await node('b', ks);
    await a.coordinator.want('zerator', 'live');
    const owner = (await a.coordinator.owner('zerator')) === 'a' ? a : b;
    const other = owner === a ? b : a;
    await owner.coordinator.reconcile();
    // One channel against none: from either node, the other one.
    expect(await owner.coordinator.leastLoaded()).toBe(other === a ? 'a' : 'b');
    expect(await other.coordinator.leastLoaded()).toBe(other === a ? 'a' : 'b');
    // Two replays there: now the owner is the lighter, once the other's heartbeat says so.
    other.local.replays = 2;
    await other.coordinator.reconcile();
    expect(await owner.coordinator.leastLoaded()).toBe(owner === a ? 'a' : 'b');
  });

  it('closes a channel on its owner when it is no longer wanted, and frees it', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks);
    const b = await node('b', ks);
    await b.coordinator.want('c1', 'live');
    const owner = (await a.coordinator.owner('c1')) === 'a' ? a : b;
    expect(owner.local.keys()).toEqual(['c1']);
    // Removed from the other node: the owner hears of it through the wake-up, not its next tick.
    const other = owner === a ? b : a;
    expect(await other.coordinator.unwant('c1')).toBe(true);
    await waitFor(() => owner.local.closed.includes('c1'), 'the owner closed c1', 1000);
    expect(await other.coordinator.waitForOwner('c1', false, 1000)).toBeNull();
    expect(await other.coordinator.unwant('c1')).toBe(false);
  });

  it('sends channels past a full node to one with room, and refuses when every node is full', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks, { max: 1 });
    const b = await node('b', ks, { max: 1 });
    await a.coordinator.want('c1', 'live');
    await a.coordinator.want('c2', 'live');
    await waitFor(() => a.local.keys().length === 1 && b.local.keys().length === 1, 'one channel each');
    await a.coordinator.want('c3', 'live');
    await expect(a.coordinator.waitForOwner('c3', true, 800)).rejects.toThrow(/no node of the deployment took "c3"/);
  });

  it('hands back a channel that closed on its owner without a leave, and a node opens it again', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks, { leaseMs: 60_000 });
    await a.coordinator.want('c1', 'live');
    // Closed behind the coordinator's back (nothing in the server does this today; the coordinator must not keep
    // renewing a lease for a channel nobody listens to).
    await a.local.close('c1');
    await a.coordinator.reconcile();
    await waitFor(() => a.local.keys().includes('c1'), 'c1 open again', 2000);
    expect(a.local.open_.get('c1')!.previous).toMatchObject({ node: 'a' });
  });

  it('registers its channels again when Redis loses its data, rather than closing them', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks, { leaseMs: 60_000 });
    await a.coordinator.want('c1', 'live');
    await a.coordinator.want('c2', 'live');
    // A Redis restarted without persistence: every key gone.
    await a.redis.flushall();
    await a.coordinator.reconcile();
    expect(a.local.keys()).toEqual(['c1', 'c2']);
    expect(a.local.closed).toEqual([]);
    expect(await a.redis.hgetall(`${ks}wanted`)).toEqual({ c1: 'live', c2: 'live' });
    expect(await a.coordinator.owner('c1')).toBe('a');
    // And a second node sees them owned, so it does not open them too.
    const b = await node('b', ks, { leaseMs: 60_000 });
    await b.coordinator.reconcile();
    expect(b.local.keys()).toEqual([]);
  });

  it('hands its channels back when it closes: another node takes them at once', async () => {
    const ks = `c${++prefix}:`;
    const a = await node('a', ks, { leaseMs: 60_000 });
    await a.coordinator.want('c1', 'live');
    const b = await node('b', ks, { leaseMs: 60_000 });
    expect(a.local.keys()).toEqual(['c1']);
    await a.coordinator.close();
    expect(a.local.closed).toEqual(['c1']);
    // Long before the 60 s lease could expire: the release and the wake-up did it.
    await waitFor(() => b.local.keys().includes('c1'), 'b took c1', 2000);
    expect(b.local.open_.get('c1')!.previous).toMatchObject({ node: 'a', seq: 100 });
  });
});

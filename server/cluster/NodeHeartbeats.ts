import type { Redis } from 'ioredis';
import type { NodeRecord, RedisKeys } from './redisKeys';

/** A node's load and liveness as the other nodes see them. */
export interface NodeLoad {
  /** Channels it owns. */
  load: number;
  /** At its quota of live channels. */
  full: boolean;
}

/**
 * The nodes of a deployment: each writes a heartbeat with its load to one Redis hash at every reconciliation; a
 * node whose heartbeat is older than a lease counts as dead, and one dead for ten leases is forgotten.
 */
export class NodeHeartbeats {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly node: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * Says this node is alive until a lease from `now`, with its load.
   * @returns whether its heartbeat was in Redis already (not: Redis lost its data, or the others forgot this node)
   */
  async beat(load: NodeLoad, now = Date.now()): Promise<boolean> {
    const record: NodeRecord = { ...load, until: now + this.leaseMs };
    // HSET counts the fields it added: 0 means the field was there.
    return (await this.redis.hset(this.keys.nodes, this.node, JSON.stringify(record))) === 0;
  }

  /** The live nodes and their loads; forgets the nodes dead for ten leases (their channels were taken long ago). */
  async alive(now = Date.now()): Promise<Map<string, NodeLoad>> {
    const all = await this.redis.hgetall(this.keys.nodes);
    const alive = new Map<string, NodeLoad>();
    const forgotten: string[] = [];
    for (const [id, json] of Object.entries(all)) {
      const record = parseNode(json);
      if (record && record.until > now) alive.set(id, { load: record.load, full: record.full });
      else if (!record || record.until < now - 10 * this.leaseMs) forgotten.push(id);
    }
    if (forgotten.length > 0) await this.redis.hdel(this.keys.nodes, ...forgotten);
    return alive;
  }

  /** Removes this node's heartbeat (a clean stop). */
  async leave(): Promise<void> {
    await this.redis.hdel(this.keys.nodes, this.node);
  }
}

function parseNode(json: string): NodeRecord | null {
  try {
    const v = JSON.parse(json) as Partial<NodeRecord>;
    if (typeof v.load !== 'number' || typeof v.until !== 'number') return null;
    return { load: v.load, until: v.until, full: v.full === true };
  } catch {
    return null;
  }
}

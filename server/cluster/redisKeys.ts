/**
 * Every key the deployment keeps in Redis, under one prefix so that a Redis shared with other software (or two
 * deployments, in tests) keeps them apart.
 */
export interface RedisKeys {
  /** The node that owns a channel now: its id, expiring unless renewed. */
  lease(channel: string): string;
  /** What the last owner of a channel said at its last renewal ({@link LeaseRecord}); kept after it dies. */
  seen(channel: string): string;
  /** Hash: channel key -> kind, for every channel the deployment should have open. */
  wanted: string;
  /** Hash: node id -> {@link NodeRecord}. */
  nodes: string;
  /** Pub/sub channel: "the wanted list changed, reconcile now". */
  wake: string;
}

/** @param prefix e.g. `chat-topics:` */
export function redisKeys(prefix: string): RedisKeys {
  return {
    lease: (channel) => `${prefix}lease:${channel}`,
    seen: (channel) => `${prefix}seen:${channel}`,
    wanted: `${prefix}wanted`,
    nodes: `${prefix}nodes`,
    wake: `${prefix}wake`,
  };
}

/** What a channel's owner writes at each renewal, so that a node taking the channel over knows what was lost. */
export interface LeaseRecord {
  node: string;
  /** Epoch ms of the renewal. */
  at: number;
  /** The last seq the owner numbered: the next owner numbers past it. */
  seq: number;
  /** Messages per second just before, for the estimate of what the outage lost. */
  rate: number;
  /** Messages the channel had had: the next owner's count goes on from it. */
  count: number;
}

/** What the owner of a channel reports of it at each renewal. */
export type OwnedState = Omit<LeaseRecord, 'node' | 'at'>;

/** A node's heartbeat. */
export interface NodeRecord {
  /** Channels it owns. */
  load: number;
  /** Epoch ms after which it counts as dead unless it beats again. */
  until: number;
  /** At its quota of live channels: it takes no more. */
  full: boolean;
}

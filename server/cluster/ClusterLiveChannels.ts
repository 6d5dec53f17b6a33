import type { ChannelInfo } from '../../contracts/socket-events';
import type { ChatHub } from '../channels/ChatHub';
import { RequestError } from '../errors';
import { channelKey } from '../ingest/channelRef';
import type { LivePlatforms } from '../ingest/LivePlatforms';
import type { LiveSources } from '../sources/LiveSources';
import type { ClusterCoordinator } from './ClusterCoordinator';

/** How long a join or a leave waits for the deployment to act on it, at least. */
const SETTLE_MS = 10_000;

/**
 * Joins and leaves of live channels in a deployment of several nodes: a join adds the channel to the deployment and
 * waits until a node owns it (the least loaded one, maybe not this one); a leave removes it and waits until its owner
 * has let it go. The socket layer uses this in place of `LiveSources` when `redisUrl` is set.
 */
export class ClusterLiveChannels {
  constructor(
    private readonly deps: {
      hub: ChatHub;
      live: LiveSources;
      platforms: LivePlatforms;
      coordinator: ClusterCoordinator;
    },
  ) {}

  /**
   * @returns the channel's info when this node owns it, else an info in state `connecting` (its owner's channel list
   *   changes follow)
   * @throws ClusterError when no node takes the channel in time (every node at its quota)
   */
  async join(input: string): Promise<ChannelInfo> {
    const { hub, platforms, coordinator } = this.deps;
    const key = channelKey(platforms.parse(input));
    if (!hub.has(key)) {
      await coordinator.want(key, 'live');
      await coordinator.waitForOwner(key, true, SETTLE_MS);
    }
    if (hub.has(key)) return hub.info(hub.feed(key));
    return {
      key,
      kind: 'live',
      state: 'connecting',
      streamId: null,
      messageCount: 0,
      error: null,
      replay: null,
      link: null,
    };
  }

  /** @throws RequestError for a channel the deployment does not have, or one that is not live */
  async leave(channel: string): Promise<void> {
    const { hub, live, coordinator } = this.deps;
    const key = live.keyOf(channel);
    if (hub.has(key) && hub.feed(key).kind !== 'live')
      throw new RequestError(`"${channel}" is not a live channel`, { code: 'channel.not-live', params: { channel } });
    if (!(await coordinator.unwant(key)))
      throw new RequestError(`no open channel "${key}"`, { code: 'channel.not-open', params: { channel: key } });
    // A dead owner lets go only when its lease runs out.
    await coordinator.waitForOwner(key, false, Math.max(SETTLE_MS, coordinator.leaseMs * 1.5));
  }
}

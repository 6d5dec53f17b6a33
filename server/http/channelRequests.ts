import type { TopicPipelineParams } from '../../contracts/analysis';
import type { ReplayControl, SubscribeResult } from '../../contracts/socket-events';
import type { ChatHub } from '../channels/ChatHub';
import type { PeerCall } from '../cluster/Peers';
import { RequestError } from '../errors';
import type { ReplaySources } from '../sources/ReplaySources';
import type { TopicEngine } from '../topics/TopicEngine';
import type { LiveChannelControl } from './socketServer';

/** The requests about one channel, by event: what a peer node may ask the node that has the channel to run. */
export interface ChannelRequests {
  'channel:subscribe': { channel: string; afterSeq?: number };
  'channel:leave': { channel: string };
  'replay:control': { channel: string; control: ReplayControl };
  'topics:setParams': { channel: string; params: unknown; reset?: boolean };
}

/** Each request's handler on the node that has the channel open. */
export type ChannelRequestHandlers = { [E in PeerCall]: (req: ChannelRequests[E]) => unknown };

/**
 * The handlers of the requests about one channel, run by the node that has it open: for its own browsers (after the
 * socket layer's checks) and for its peers' (which made the same checks). The socket layer adds the room, the
 * operator check and the routing to the owner.
 * @param flush sends the channel's queued lines to its room (a subscriber's backlog must not overlap them)
 */
export function createChannelRequests(deps: {
  hub: ChatHub;
  live: LiveChannelControl;
  replays: ReplaySources;
  topics: TopicEngine | null;
  flush: (channel: string) => void;
}): ChannelRequestHandlers {
  const { hub, live, replays, topics, flush } = deps;
  return {
    'channel:subscribe': (req): SubscribeResult => {
      const feed = hub.feed(req.channel);
      // Whatever is queued goes to the room first, so the backlog below and later batches never overlap.
      flush(req.channel);
      return {
        channel: hub.info(feed),
        backlog: feed.linesAfter(Number.isFinite(req.afterSeq) ? req.afterSeq! : 0),
        rate: feed.rateSnapshot(),
        topics: topics?.snapshot(req.channel) ?? null,
      };
    },
    'channel:leave': async (req) => {
      if (replays.has(req.channel)) replays.stop(req.channel);
      else await live.leave(req.channel);
      return undefined;
    },
    'replay:control': (req) => replays.control(req.channel, req.control),
    'topics:setParams': (req): TopicPipelineParams => {
      if (!topics)
        throw new RequestError('the topic engine is off on this server (started with --no-topics)', {
          code: 'topics.off',
        });
      hub.feed(req.channel); // refuses a channel that is not open: settings are kept only for channels that exist
      return topics.updatePipelineParams(req.channel, req.params, { reset: req.reset === true });
    },
  };
}

import type { ChannelResume } from '../channels/ChannelFeed';
import type { ChatHub } from '../channels/ChatHub';
import { DEMO_CHANNEL, type DemoSource } from '../sources/DemoSource';
import type { LiveSources } from '../sources/LiveSources';
import type { LocalChannels, OwnedKind } from './ClusterCoordinator';
import type { LeaseRecord, OwnedState } from './redisKeys';

/**
 * How far past the old owner's last recorded seq a taken-over channel numbers from. The old owner records its seq at
 * each renewal (three times per lease), so it may have numbered a few hundred more lines before it died; browsers
 * drop a line whose seq they have seen, so the new numbering must start past any of them.
 */
export const TAKEOVER_SEQ_MARGIN = 1_000_000;

/**
 * This node's side of the channels the deployment spreads: live channels through `LiveSources`, the demo through
 * `DemoSource`, and their state from the hub.
 */
export class NodeChannels implements LocalChannels {
  constructor(
    private readonly deps: { hub: ChatHub; live: LiveSources; demo: DemoSource | null; maxLiveChannels: number },
  ) {}

  async open(key: string, kind: OwnedKind, previous: LeaseRecord | null): Promise<void> {
    const resume: ChannelResume | null = previous
      ? {
          afterSeq: previous.seq + TAKEOVER_SEQ_MARGIN,
          downSince: previous.at,
          ratePerSecond: previous.rate,
          messageCount: previous.count,
        }
      : null;
    if (kind === 'demo') {
      if (!this.deps.demo || key !== DEMO_CHANNEL) throw new Error(`this node runs no demo channel "${key}"`);
      if (!this.deps.demo.running) this.deps.demo.start(resume);
      return;
    }
    await this.deps.live.join(key, { resume });
  }

  async close(key: string): Promise<void> {
    const { hub, live, demo } = this.deps;
    if (!hub.has(key)) return;
    if (key === DEMO_CHANNEL && hub.feed(key).kind === 'demo') demo?.stop();
    else await live.leave(key);
  }

  state(key: string): OwnedState | null {
    if (!this.deps.hub.has(key)) return null;
    const feed = this.deps.hub.feed(key);
    return { seq: feed.lastSeq, rate: feed.rate.recentRate(), count: feed.messageCount };
  }

  unleasedLoad(): number {
    return this.deps.hub.countOf('replay');
  }

  canOpen(kind: OwnedKind): boolean {
    if (kind === 'demo') return this.deps.demo !== null;
    return this.deps.hub.countOf('live') < this.deps.maxLiveChannels;
  }
}

import type { ChatMessage } from '../../contracts/chat';
import type { Archive } from '../archive/Archive';
import type { ChannelResume } from '../channels/ChannelFeed';
import type { ChatHub } from '../channels/ChatHub';
import { createChatSimulator } from '../simulator/ChatSimulator';

export const DEMO_CHANNEL = 'demo';

export interface DemoSourceOptions {
  seed: number;
  ratePerSecond: number;
  botNames: readonly string[];
  /** Publish period in ms (default 100): messages due in that slice go out together. */
  tickMs?: number;
  now?: () => number;
}

/**
 * The built-in demo channel: simulated French chat in real time, archived like a live stream, so a newcomer
 * without internet sees the whole path working.
 */
export class DemoSource {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly hub: ChatHub,
    private readonly archive: Archive,
    private readonly options: DemoSourceOptions,
  ) {}

  /** @param resume the demo taken over from another node of the deployment: its numbering goes on */
  start(resume: ChannelResume | null = null): void {
    const now = this.options.now ?? Date.now;
    const startedAt = now();
    const stream = this.archive.createStream({
      channel: DEMO_CHANNEL,
      source: 'simulator',
      title: `demo (seed ${this.options.seed}, ${this.options.ratePerSecond} msg/s)`,
      startedAt,
      absoluteTime: true,
      importFormat: null,
    });
    const simulator = createChatSimulator({
      seed: this.options.seed,
      ratePerSecond: this.options.ratePerSecond,
      channel: DEMO_CHANNEL,
      streamId: stream.id,
      startedAt,
      botNames: this.options.botNames,
    });
    this.hub.open({ key: DEMO_CHANNEL, kind: 'demo', state: 'playing', archive: true, resume });
    const tick = () => {
      const due: ChatMessage[] = [];
      const t = now();
      while (simulator.peek().ts <= t) due.push(simulator.next());
      this.hub.publish(DEMO_CHANNEL, due);
    };
    this.timer = setInterval(tick, this.options.tickMs ?? 100);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.hub.close(DEMO_CHANNEL);
  }
}

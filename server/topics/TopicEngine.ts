import type { Logger } from 'pino';
import type { TopicPipelineParams } from '../../contracts/analysis';
import type { ChannelInfo, ChatLine, TopicsSnapshot } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import type { HubListener } from '../channels/ChatHub';
import { ChannelTopicEngine, type ChannelTopicEvents, type ChannelTopicSettings, type NeighbourIndexFactory } from './ChannelTopicEngine';
import type { Refitter } from './Refitter';

export interface TopicEngineDeps {
  embedder: Embedder;
  refitter: Refitter;
  params: TopicPipelineParams;
  settings: ChannelTopicSettings;
  events: ChannelTopicEvents;
  logger: Logger;
  /** Neighbour search for placing new messages (ONNX Runtime in the server); plain JS when absent. */
  indexFactory?: NeighbourIndexFactory;
}

/**
 * Live topics for every open channel: listens to the chat hub, keeps one `ChannelTopicEngine` per channel (opened
 * and closed with the channel), and shares one embedder and one refit worker between them.
 */
export class TopicEngine implements HubListener {
  private readonly engines = new Map<string, ChannelTopicEngine>();

  constructor(private readonly deps: TopicEngineDeps) {}

  lines(channel: string, lines: ChatLine[]): void {
    void this.engine(channel).push(lines);
  }

  deleted(channel: string, ids: string[]): void {
    this.engines.get(channel)?.deleted(ids);
  }

  channelsChanged(channels: ChannelInfo[]): void {
    const open = new Set(channels.map((c) => c.key));
    for (const [key, engine] of this.engines) {
      if (open.has(key)) continue;
      this.engines.delete(key);
      void engine.close();
    }
  }

  /**
   * Switches every channel (and channels opened later) to another embedder; see
   * `ChannelTopicEngine.switchEmbedder` for how no message is lost, doubled or fitted next to another model's vectors.
   * @param next the new embedder; the caller closes the old one once this resolves
   */
  async switchEmbedder(next: Embedder): Promise<void> {
    this.deps.embedder = next;
    await Promise.all([...this.engines.values()].map((engine) => engine.switchEmbedder(next)));
  }

  /** The embedder new messages are embedded with. */
  get embedder(): Embedder {
    return this.deps.embedder;
  }

  /** The channel's current topics (a warming-up snapshot for a channel without messages yet). */
  snapshot(channel: string): TopicsSnapshot {
    return this.engine(channel).snapshot();
  }

  /** The engine of one channel, for tests and benchmarks. */
  engine(channel: string): ChannelTopicEngine {
    let engine = this.engines.get(channel);
    if (!engine) {
      const { embedder, refitter, params, settings, events, logger, indexFactory } = this.deps;
      engine = new ChannelTopicEngine(channel, embedder, refitter, params, settings, events, logger, indexFactory ?? null);
      this.engines.set(channel, engine);
    }
    return engine;
  }

  async close(): Promise<void> {
    const engines = [...this.engines.values()];
    this.engines.clear();
    await Promise.all(engines.map((e) => e.close()));
    await this.deps.refitter.close();
  }
}

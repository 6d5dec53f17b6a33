import type { TopicPipelineParams } from '../../contracts/analysis';
import type { ChatMessage } from '../../contracts/chat';
import type { ChannelInfo, ChatLine, TopicsSnapshot } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import type { HubListener } from '../channels/ChatHub';
import { ChannelPipelineSettings } from './ChannelPipelineSettings';
import { ChannelTopicEngine, type ChannelTopicEngineDeps } from './ChannelTopicEngine';

/**
 * What every channel's engine is built from (the embedder changes on a model switch); `params` are the defaults of
 * every channel whose parameters no operator changed.
 */
export type TopicEngineDeps = Omit<ChannelTopicEngineDeps, 'channel'>;

/**
 * Live topics for every open channel: listens to the chat hub, keeps one `ChannelTopicEngine` per channel (opened
 * and closed with the channel), and shares one embedder and one refit worker between them. Each channel's pipeline
 * parameters outlive its engine ({@link ChannelPipelineSettings}).
 */
export class TopicEngine implements HubListener {
  private readonly engines = new Map<string, ChannelTopicEngine>();
  private readonly settings: ChannelPipelineSettings;

  constructor(private readonly deps: TopicEngineDeps) {
    this.settings = new ChannelPipelineSettings({ defaults: deps.params });
    // The refit worker starts with the server: a replay at x100 asks for its first refit a tenth of a second after it
    // opens, and the worker takes about a second to start on a busy machine.
    deps.refitter.prepare?.();
  }

  lines(channel: string, lines: ChatLine[]): void {
    void this.engine(channel).push(lines);
  }

  /**
   * Starts a channel's topics from its stream's last minutes, read from the archive (see `ChannelTopicEngine.seed`).
   * They are numbered below the channel's first line, so that no assignment names a line a browser shows.
   * @param messages oldest first
   */
  seed(channel: string, messages: readonly ChatMessage[]): Promise<void> {
    return this.engine(channel).seed(messages.map((message, i) => ({ seq: i - messages.length, message })));
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

  /** The channel's pipeline parameters now (its next refit runs with them). */
  pipelineParams(channel: string): TopicPipelineParams {
    return this.settings.get(channel);
  }

  /**
   * Changes one channel's pipeline parameters from its next refit on (a refit running now finishes with the old
   * ones); they stay the channel's until the server stops, across a close and reopen.
   * @param change untrusted partial parameters (see `applyParamsChange`)
   * @param options.reset apply `change` to the configured defaults instead of the channel's current parameters
   * @returns the parameters now in effect
   * @throws RequestError naming the refused parameters; nothing changes then
   * @example topics.updatePipelineParams('zerator', { clusterer: { kind: 'kmeans', k: 8 } });
   */
  updatePipelineParams(channel: string, change: unknown, options: { reset?: boolean } = {}): TopicPipelineParams {
    const params = this.settings.update(channel, change, options);
    // A channel without an engine yet gets the new parameters when its engine is built.
    this.engines.get(channel)?.setPipelineParams(params);
    return params;
  }

  /** The channel's current topics (a warming-up snapshot for a channel without messages yet). */
  snapshot(channel: string): TopicsSnapshot {
    return this.engine(channel).snapshot();
  }

  /** The engine of one channel, for tests and benchmarks. */
  engine(channel: string): ChannelTopicEngine {
    let engine = this.engines.get(channel);
    if (!engine) {
      engine = new ChannelTopicEngine({ ...this.deps, channel, params: this.settings.get(channel) });
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

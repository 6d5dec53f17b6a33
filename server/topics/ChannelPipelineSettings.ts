import type { TopicPipelineParams } from '../../contracts/analysis';
import { applyParamsChange } from './applyParamsChange';

/**
 * Pipeline parameters per channel for the life of the server: the configured defaults until an operator changes
 * them, and kept when the channel closes, so a channel opened again refits as it was set.
 */
export class ChannelPipelineSettings {
  private readonly byChannel = new Map<string, TopicPipelineParams>();

  /** @param deps.defaults the parameters of every channel nobody changed (from the server's configuration) */
  constructor(private readonly deps: { defaults: TopicPipelineParams }) {}

  /** The channel's parameters now. */
  get(channel: string): TopicPipelineParams {
    return this.byChannel.get(channel) ?? this.deps.defaults;
  }

  /**
   * Changes the channel's parameters (see `applyParamsChange` for how a partial change merges); nothing is kept when
   * the change is refused.
   * @param change untrusted: what a client sent as `params`
   * @param options.reset apply the change to the defaults rather than to the channel's current parameters
   * @returns the channel's parameters from now on
   * @throws RequestError naming the refused parameters
   * @example settings.update('zerator', { clusterer: { kind: 'kmeans', k: 8 } }).clusterer.kind // 'kmeans'
   */
  update(channel: string, change: unknown, options: { reset?: boolean } = {}): TopicPipelineParams {
    const next = applyParamsChange(options.reset ? this.deps.defaults : this.get(channel), change);
    this.byChannel.set(channel, next);
    return next;
  }
}

import type { Logger } from 'pino';
import type { Embedder } from '../../models/embedding/Embedder';
import { EmbedOverloadError } from '../../models/embedding/errors';

export interface EmbedRetryDeps {
  embedder: Embedder;
  logger: Logger;
  channel: string;
  /** Attempts after the first for a request refused for overload (default 100). */
  retries?: number;
  /** Wait between attempts, ms (default 50). */
  retryMs?: number;
  /** True once the caller no longer wants the vectors (its channel closed): no further attempt. */
  stopped(): boolean;
}

/**
 * Embeds texts, retrying while the embedder refuses for overload (its queue is full for a moment during a re-embedding
 * of a whole window); any other error, or overload beyond the retries, gives up.
 * @returns the vectors, or null when the embedder kept refusing or failed: the caller leaves those messages out
 * @example
 * const vectors = await embedWithRetries(texts, { embedder, logger, channel, stopped: () => closed });
 */
export async function embedWithRetries(texts: readonly string[], deps: EmbedRetryDeps): Promise<Float32Array[] | null> {
  const retries = deps.retries ?? 100;
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.embedder.embed(texts);
    } catch (err) {
      if (!(err instanceof EmbedOverloadError) || attempt >= retries || deps.stopped()) {
        deps.logger.warn(
          { err, channel: deps.channel, messages: texts.length },
          'topic engine: re-embedding refused, messages left out',
        );
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, deps.retryMs ?? 50));
    }
  }
}

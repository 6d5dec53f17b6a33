import type { ArchitectureLimits } from '../architectures/ModelArchitecture';
import { ModelFormatError } from './errors';

/** The default truncation length: chat messages are short, and attention cost grows with the square of it. */
export const DEFAULT_MAX_TOKENS = 128;

/** min(128, max_position_embeddings). */
export function defaultMaxTokens(config: Pick<ArchitectureLimits, 'maxPositionEmbeddings'>): number {
  return Math.min(DEFAULT_MAX_TOKENS, config.maxPositionEmbeddings);
}

/**
 * Refuses a truncation length the model cannot take.
 * @throws ModelFormatError naming `field`
 */
export function checkMaxTokens(
  maxTokens: number,
  config: Pick<ArchitectureLimits, 'maxPositionEmbeddings'>,
  field: string,
  context: { dir?: string; file?: string } = {},
): void {
  if (!Number.isSafeInteger(maxTokens) || maxTokens < 2 || maxTokens > config.maxPositionEmbeddings) {
    throw new ModelFormatError(
      `${maxTokens} must be an integer from 2 (room for <cls> and <sep>) to max_position_embeddings ${config.maxPositionEmbeddings}`,
      {
        ...context,
        field,
      },
    );
  }
}

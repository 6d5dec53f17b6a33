import type { ArchitectureLimits } from '../architectures/ModelArchitecture';
import { TokenizerError, UnigramTokenizer } from '../tokenizer';
import { ModelFormatError } from './errors';

/**
 * Builds the tokenizer of a model from its `tokenizer.json` bytes and checks that it fits: every id it can
 * produce must have a row in the model's word embeddings (`vocabSize <= vocab_size`), or the model would read
 * past its embedding table.
 *
 * @param context directory and file for error messages
 * @throws ModelFormatError naming the file: not JSON, not a supported tokenizer (the tokenizer's own error is the
 *   `cause`), or a vocabulary larger than the model's
 * @example
 * const tokenizer = parseModelTokenizer(readFileSync('tokenizer.json'), config, { file: 'tokenizer.json' });
 */
export function parseModelTokenizer(
  bytes: Uint8Array,
  config: Pick<ArchitectureLimits, 'vocabSize'>,
  context: { dir?: string; file: string },
): UnigramTokenizer {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new ModelFormatError(`tokenizer is not valid UTF-8 JSON (${(cause as Error).message})`, {
      ...context,
      cause,
    });
  }
  let tokenizer: UnigramTokenizer;
  try {
    tokenizer = UnigramTokenizer.fromJson(json, context.file);
  } catch (cause) {
    if (!(cause instanceof TokenizerError)) throw cause;
    // The tokenizer's message already names the file and field; the directory is what it lacks.
    throw new ModelFormatError(`unusable tokenizer: ${cause.message}`, { dir: context.dir, cause });
  }
  if (tokenizer.vocabSize > config.vocabSize) {
    throw new ModelFormatError(
      `tokenizer vocabulary (${tokenizer.vocabSize} ids) is larger than the model's vocab_size ${config.vocabSize}: ids from ${config.vocabSize} up have no embedding`,
      context,
    );
  }
  return tokenizer;
}

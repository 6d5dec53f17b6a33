import { MENTION_TOKEN, URL_TOKEN, type UnigramTokenizer } from '../tokenizer';

/** The files transformers' `AutoTokenizer` reads beside `tokenizer.json`. */
export const HF_TOKENIZER_FILES = {
  config: 'tokenizer_config.json',
  specialTokensMap: 'special_tokens_map.json',
} as const;

/** HF's special-token roles and the tokens the tokenizers trained here (and Lincoln's) give them. */
const ROLE_TOKENS = {
  cls_token: '<cls>',
  sep_token: '<sep>',
  pad_token: '<pad>',
  mask_token: '<mask>',
  unk_token: '<unk>',
} as const;

/**
 * `tokenizer_config.json` and `special_tokens_map.json` for a Unigram `tokenizer.json`. Without them
 * `AutoTokenizer` takes the class from `config.json` (`ConvBertTokenizerFast`, WordPiece defaults) and adds
 * `[CLS]`, `[PAD]`... as new ids the model has no embedding for. With them it loads a `PreTrainedTokenizerFast`
 * over the file, the roles pointing at the tokens the file already has, and truncates where we do.
 *
 * @param tokenizer the tokenizer being exported: only roles whose token it has are named
 * @param maxTokens our truncation length (special tokens included), written as `model_max_length`
 * @example
 * const { tokenizerConfig } = hfTokenizerConfig(model.tokenizer, model.maxTokens);
 * tokenizerConfig.cls_token; // '<cls>'
 */
export function hfTokenizerConfig(
  tokenizer: UnigramTokenizer,
  maxTokens: number,
): { tokenizerConfig: Record<string, unknown>; specialTokensMap: Record<string, unknown> } {
  const has = (token: string) => tokenizer.tokenToId(token) !== undefined;
  const roles: Record<string, string> = {};
  for (const [role, token] of Object.entries(ROLE_TOKENS)) if (has(token)) roles[role] = token;
  // The unknown id the file names wins over the conventional spelling.
  const unk = tokenizer.unknownTokenId === null ? undefined : tokenizer.idToToken(tokenizer.unknownTokenId);
  if (unk !== undefined) roles.unk_token = unk;
  const additional = [MENTION_TOKEN, URL_TOKEN].filter(has);
  const specialTokensMap = {
    ...roles,
    ...(additional.length > 0 ? { additional_special_tokens: additional } : {}),
  };
  return {
    tokenizerConfig: {
      tokenizer_class: 'PreTrainedTokenizerFast',
      model_max_length: maxTokens,
      // Decoding is the file's Metaspace decoder's job; HF's clean-up would glue French punctuation (`ça va ?`).
      clean_up_tokenization_spaces: false,
      ...specialTokensMap,
    },
    specialTokensMap,
  };
}

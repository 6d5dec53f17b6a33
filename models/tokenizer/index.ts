export { UnigramTokenizer } from './UnigramTokenizer';
export type { BatchEncoding, BatchOptions, DecodeOptions, EncodeOptions, UnknownPolicy } from './UnigramTokenizer';
export type { Encoding } from './postProcessor';
export { TokenizerError } from './errors';
export type { TokenizerErrorContext } from './errors';
export { MENTION_TOKEN, URL_TOKEN, preprocessChat } from './chatPreprocess';
export { parseTokenizerJson } from './TokenizerJson';
export type { TokenizerSpec } from './TokenizerJson';
export * from './training/index';

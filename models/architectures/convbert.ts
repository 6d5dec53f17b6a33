import { readConvBertConfig, type ConvBertConfig } from '../checkpoint/convbertConfig';
import type { ModelArchitecture } from './ModelArchitecture';

/** ConvBERT (HF `ConvBertModel`): the config checks of `models/checkpoint`; it runs as `ConvBertEmbedder`. */
export const convBertArchitecture: ModelArchitecture<ConvBertConfig> = {
  label: 'ConvBERT',
  readConfig: (json, label) => readConvBertConfig(json, label),
};

export { ChatTermTokenizer, type TermTokenizerOptions } from './ChatTermTokenizer';
export { SurfaceForms } from './SurfaceForms';
export {
  topicTerms,
  type CTfIdfModel,
  type CTfIdfOptions,
  type TopicTerm,
  type TopicTermsOptions,
  type TopicTermsResult,
} from './cTfIdf';
export { representativeMessages, type RepresentativeMessagesOptions } from './representativeMessages';
export { formatLabel } from './formatLabel';
export { labelSimilarity } from './labelSimilarity';
export { buildTermMatrix, type SparseRows, type TermMatrix } from './termMatrix';
export { LabelsError, type LabelsErrorCode } from './errors';
export { BUILT_IN_EMOTES, looksLikeEmote } from './knownEmotes';
export { FRENCH_STOP_WORDS } from './frenchStopWords';
export { ENGLISH_STOP_WORDS } from './englishStopWords';
export { CHAT_FILLER_WORDS } from './chatFillerWords';
export { foldWord, collapseStretches } from './foldWord';

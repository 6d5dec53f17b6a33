/** Downloading HuggingFace model repos (config, tokenizer, sentence-transformers files, weights) for the importer. */
export { HubDownloadError, type HubDownloadErrorContext } from './errors';
export { assertHubRepoId, DEFAULT_HUB_ENDPOINT, hubFileUrl, isHubRepoId } from './hubUrls';
export { downloadHubFile, type HubFileProgress, type HubFileRequest, type HubFileResult } from './downloadHubFile';
export { downloadHubModel, type HubDownload, type HubDownloadOptions } from './downloadHubModel';

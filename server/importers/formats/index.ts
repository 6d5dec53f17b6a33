import { chatDownloaderJson } from './chatDownloaderJson';
import { chatterino } from './chatterino';
import { csv } from './csv';
import { irc } from './irc';
import { jsonl } from './jsonl';
import { twitchDownloaderJson } from './twitchDownloaderJson';
import { twitchDownloaderTxt } from './twitchDownloaderTxt';
import { FORMAT_NAMES, type ChatFormat, type FormatName } from './types';

export { FORMAT_NAMES };
export type { ChatFormat, FormatName };
export type { SourceEvent, SourceMessage, SourceDeletion, StreamHint } from './types';

/** Every format by name. */
export const FORMATS: Readonly<Record<FormatName, ChatFormat>> = {
  'twitchdownloader-json': twitchDownloaderJson,
  'twitchdownloader-txt': twitchDownloaderTxt,
  'chat-downloader-json': chatDownloaderJson,
  chatterino,
  irc,
  csv,
  jsonl,
};

/** Narrows a user-given string (`--format`, the upload form) to a format name. */
export function isFormatName(value: string): value is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(value);
}

import type { ChatMessage } from '../../contracts/chat';
import type { StreamDeletion } from './Archive';

/** What the server's main thread asks of the archive worker; `batch` numbers writes so the main thread can replay unconfirmed ones. */
export type ToArchiveWorker =
  | { type: 'write'; batch: number; messages: ChatMessage[] }
  | { type: 'delete'; id: number; streamId: string; deletion: StreamDeletion }
  | { type: 'flush'; id: number }
  /** Flush, then close the worker's connection (the last message the worker gets). */
  | { type: 'close'; id: number };

export type FromArchiveWorker =
  | { type: 'ready' }
  /** Every batch up to `batch` is committed (or counted failed). */
  | { type: 'committed'; batch: number; written: number; failed: number }
  | { type: 'done'; id: number; ids: string[] }
  | { type: 'failed'; id: number; error: string };

import type { ErrorCode, ErrorParams, ServerMessage } from '../contracts/errorCodes';
import { ChatTopicsError } from './errors';

/**
 * What a refusal sends to the client (an HTTP error body, a socket.io ack): the English message, and its code and
 * params when it has them, so the dashboard can say it in the page's language.
 *
 * @param err the refusal
 * @param message the English text to send instead of the error's own (a shortened or generic one)
 * @example serverMessageOf(new QuotaError(...)) // { error: 'cannot open another replay: …', code: 'quota.replays', params: { open: 4, … } }
 */
export function serverMessageOf(err: ChatTopicsError, message: string = err.message): ServerMessage {
  return coded(message, err.coded?.code, err.coded?.params);
}

/**
 * A message with its code, for a refusal that is answered without throwing.
 * @example coded('empty file', 'import.empty') // { error: 'empty file', code: 'import.empty' }
 */
export function coded(error: string, code?: ErrorCode, params?: ErrorParams): ServerMessage {
  return { error, ...(code === undefined ? {} : { code }), ...(params === undefined ? {} : { params }) };
}

/** What a client is told when our own machinery failed: nothing of the details, which go to the log. */
export function internalMessage(error = 'internal error (see the server log)'): ServerMessage {
  return coded(error, 'server.internal');
}

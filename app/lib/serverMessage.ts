import type { ServerMessage } from '../../contracts/errorCodes';
import { ApiCallError } from './api';
import { errorsFr } from './i18n/errors/errors.fr';
import type { MessageKey } from './i18n/fr';
import type { Translator } from './i18n/translate';

/** The dictionary key of a server message's code (`serverError.<code>`). */
export const serverErrorKey = (code: string): string => `serverError.${code}`;

/**
 * A server's refusal in the page's language: its code's message (`serverError.<code>`) filled with its params, or
 * the server's English text as it came when the dashboard knows no such code (an older dashboard, an uncoded
 * error). The result is plain text: the page renders it as text, never as HTML.
 *
 * @param t the page's translator
 * @param message what the server sent (an HTTP error body, a failed socket.io ack)
 * @example sayServerMessage(t, { error: 'empty file', code: 'import.empty' }) // 'Le fichier est vide.'
 */
export function sayServerMessage(t: Translator['t'], message: ServerMessage): string {
  if (message.code !== undefined) {
    const key = serverErrorKey(message.code);
    // The French dictionary is the source of keys; the English one is typed to match it.
    if (Object.hasOwn(errorsFr, key)) return t(key as MessageKey, message.params);
  }
  return message.error;
}

/**
 * What a thrown value says, as a server message: an API call's error body (with its code), else the error's text.
 * @example serverMessageOfError(new Error('boom')) // { error: 'boom' }
 */
export function serverMessageOfError(err: unknown): ServerMessage {
  if (err instanceof ApiCallError && err.body !== null) return err.body;
  return { error: err instanceof Error ? err.message : String(err) };
}

/**
 * A thrown value (usually a failed `callApi`) as one line in the page's language.
 * @example sayError(t, err) // 'Fichier trop volumineux : 12,5 Mo, la limite est de 10 Mo.'
 */
export function sayError(t: Translator['t'], err: unknown): string {
  return sayServerMessage(t, serverMessageOfError(err));
}

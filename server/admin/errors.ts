import { ChatTopicsError, type ErrorKind } from '../errors';
import { HttpStatusError } from '../httpStatus';

/**
 * An admin request that must be refused with a given HTTP status (401 no session, 403 locked or bad CSRF token,
 * 404 unknown route, 413 body too large, 429 too many failed logins...). The message is sent as `{ error }`.
 */
export class AdminHttpError extends HttpStatusError {}

/** A stored admin password hash that cannot be read (`adminPasswordHash` of the config, or the CLI's input). */
export class PasswordHashError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

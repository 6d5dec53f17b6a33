import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AdminHttpError } from './errors';
import { LoginRateLimiter } from './LoginRateLimiter';
import { hashPassword, parsePasswordHash, verifyPassword, type PasswordHash } from './passwordHash';

/** Shown wherever admin is locked because no password is configured. */
export const ADMIN_DISABLED_HINT =
  'The admin section is locked: no admin password is configured. Start the server with --admin-password <password> ' +
  '(or the environment variable CHAT_TOPICS_ADMIN_PASSWORD), or set adminPasswordHash (CHAT_TOPICS_ADMIN_PASSWORD_HASH) ' +
  'to a hash made by `chat-topics admin hash-password`.';

/** One signed-in admin. */
export interface AdminSessionRecord {
  /** The cookie value: 32 random bytes, base64url. */
  id: string;
  /** Sent back by the browser as `x-csrf-token` on every state-changing request. */
  csrfToken: string;
  expiresAt: number;
}

export interface AdminAuthOptions {
  /** Null: admin is disabled (every route refuses, with {@link ADMIN_DISABLED_HINT}). */
  passwordHash: PasswordHash | null;
  sessionHours: number;
  /** Failed sign-ins allowed per remote address per minute (default 5). */
  maxFailuresPerMinute?: number;
  now?: () => number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // timingSafeEqual needs equal lengths; the length of a random token tells nothing.
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The admin password and sessions: sign-in with a rate limit per address, random session ids kept in memory only
 * (a restart signs everyone out), expiry, and each session's CSRF token.
 *
 * @example
 * const auth = AdminAuth.fromConfig(config);
 * const session = await auth.login('s3cret-pass', '127.0.0.1');
 * auth.session(session.id)?.csrfToken === session.csrfToken; // true
 */
export class AdminAuth {
  private readonly sessions = new Map<string, AdminSessionRecord>();
  private readonly limiter: LoginRateLimiter;
  private readonly now: () => number;
  private readonly endListeners = new Set<(sessionId: string) => void>();

  constructor(private readonly options: AdminAuthOptions) {
    this.now = options.now ?? Date.now;
    this.limiter = new LoginRateLimiter(options.maxFailuresPerMinute ?? 5, 60_000, this.now);
  }

  /**
   * From the config: `adminPassword` is hashed here (scrypt, random salt) and the plaintext is not kept;
   * `adminPasswordHash` is parsed. Neither: disabled.
   *
   * @throws PasswordHashError for an unreadable `adminPasswordHash`
   */
  static fromConfig(config: {
    adminPassword?: string;
    adminPasswordHash?: string;
    adminSessionHours: number;
  }): AdminAuth {
    let passwordHash: PasswordHash | null = null;
    if (config.adminPasswordHash !== undefined)
      passwordHash = parsePasswordHash(config.adminPasswordHash, 'adminPasswordHash');
    else if (config.adminPassword !== undefined) passwordHash = parsePasswordHash(hashPassword(config.adminPassword));
    return new AdminAuth({ passwordHash, sessionHours: config.adminSessionHours });
  }

  get enabled(): boolean {
    return this.options.passwordHash !== null;
  }

  /** Session lifetime in seconds (the cookie's Max-Age). */
  get sessionSeconds(): number {
    return Math.round(this.options.sessionHours * 3600);
  }

  /**
   * Checks the password and opens a session.
   *
   * @param remote the client's address (the rate limit's key)
   * @throws AdminHttpError 403 when disabled, 429 after too many failures from `remote`, 401 for a wrong password
   */
  async login(password: string, remote: string): Promise<AdminSessionRecord> {
    const hash = this.options.passwordHash;
    if (hash === null) throw new AdminHttpError(403, ADMIN_DISABLED_HINT, { code: 'admin.disabled' });
    // Counted before the check: parallel guesses cannot all reach it.
    const wait = this.limiter.begin(remote);
    if (wait > 0)
      throw new AdminHttpError(429, `too many sign-in attempts; try again in ${wait} s`, {
        code: 'admin.too-many-attempts',
        params: { seconds: wait },
      });
    if (!(await verifyPassword(hash, password)))
      throw new AdminHttpError(401, 'wrong password', { code: 'admin.bad-password' });
    this.limiter.succeeded(remote);
    this.prune();
    const session: AdminSessionRecord = {
      id: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: this.now() + this.sessionSeconds * 1000,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session of a cookie value, or null (unknown, expired, or admin disabled). */
  session(id: string | undefined): AdminSessionRecord | null {
    if (id === undefined || !this.enabled) return null;
    const session = this.sessions.get(id);
    if (session === undefined) return null;
    if (session.expiresAt <= this.now()) {
      this.end(id);
      return null;
    }
    return session;
  }

  /** Whether `token` is the session's CSRF token (constant-time). */
  csrfMatches(session: AdminSessionRecord, token: string | undefined): boolean {
    return token !== undefined && sameSecret(session.csrfToken, token);
  }

  /** Ends a session (sign-out); unknown ids are ignored. */
  logout(id: string): void {
    this.end(id);
  }

  /** Called with the id of every session that ends (sign-out or expiry): the admin socket drops its connections. */
  onSessionEnd(listener: (sessionId: string) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Ends expired sessions (also done at each sign-in). */
  prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.end(id);
  }

  private end(id: string): void {
    if (!this.sessions.delete(id)) return;
    for (const l of this.endListeners) l(id);
  }
}

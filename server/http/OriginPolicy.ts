import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpStatusError } from '../httpStatus';
import type { ChatTopicsErrorOptions } from '../errors';

/** A request another site's page may have sent, or one for a host name we do not serve: refused before any work. */
export class ForbiddenRequestError extends HttpStatusError {
  constructor(
    message: string,
    /** 421 for a host we do not serve (DNS rebinding), 403 for a foreign origin or a missing operator token. */
    override readonly status: 403 | 421,
    options?: Pick<ChatTopicsErrorOptions, 'code' | 'params'>,
  ) {
    super(status, message, options);
  }
}

/** The header (HTTP) and handshake field (socket.io `auth.csrf`) that carry the operator token. */
export const OPERATOR_TOKEN_HEADER = 'x-csrf-token';

const LOOPBACK_NAMES = new Set(['localhost']);

/** The host name of a `Host` header (`[::1]:3000` -> `::1`, `Example.org:80` -> `example.org`), or null. */
function hostName(host: string): string | null {
  try {
    const name = new URL(`http://${host}`).hostname.toLowerCase();
    return name.startsWith('[') ? name.slice(1, -1) : name;
  } catch {
    return null;
  }
}

/**
 * Who may drive this server from a browser. Three locks, each closing a hole a local page could use:
 * - **Host**: a request must name this server by an IP address, `localhost`, or a name in `allowedHosts`. A page on
 *   another site that rebinds its own domain name to 127.0.0.1 (DNS rebinding) names that domain, and is refused:
 *   without this lock it would be same-origin with us and could read and do everything.
 * - **Origin**: when the browser says where the request comes from (every cross-site POST and WebSocket carries
 *   it), it must be this very host. Clients that are not browsers send none and pass.
 * - **Operator token**: state-changing HTTP routes need it in `x-csrf-token`, state-changing socket events in the
 *   handshake's `auth.csrf`. The dashboard reads it from `/api/config`, which another site's page cannot read (no CORS),
 *   and a `no-cors` request cannot set the header at all.
 *
 * @example
 * const policy = new OriginPolicy({ allowedHosts: ['dashboard.local'] });
 * policy.checkRequest(req.headers, { stateChanging: true }); // throws ForbiddenRequestError
 */
export class OriginPolicy {
  /** Sent to same-origin pages by `/api/config`; new at every start. */
  readonly operatorToken: string;
  private readonly allowedHosts: Set<string>;

  constructor(options: { allowedHosts?: readonly string[]; operatorToken?: string } = {}) {
    this.allowedHosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
    this.operatorToken = options.operatorToken ?? randomBytes(24).toString('base64url');
  }

  /** Why the `Host` header is refused, or null when this server answers to that name. */
  hostProblem(host: string | undefined): string | null {
    if (host === undefined || host === '') return 'the request names no host';
    const name = hostName(host);
    if (name === null) return `host "${host}" is not a valid host`;
    if (isIP(name) !== 0 || LOOPBACK_NAMES.has(name) || this.allowedHosts.has(name)) return null;
    return `host "${name}" is not served here (add it to allowedHosts to reach the dashboard by that name)`;
  }

  /** Why the `Origin` header is refused, or null when it is absent (not a browser) or this very host. */
  originProblem(origin: string | undefined, host: string | undefined): string | null {
    if (origin === undefined) return null;
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return `origin "${origin}" is not this dashboard`;
    }
    return originHost !== '' && originHost === host?.toLowerCase() ? null : `origin "${origin}" is not this dashboard`;
  }

  /** Whether `token` is the operator token (compared in constant time). */
  isOperatorToken(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const a = Buffer.from(token);
    const b = Buffer.from(this.operatorToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * Checks a request's headers; a state-changing one also needs the operator token in `x-csrf-token`.
   *
   * @throws ForbiddenRequestError naming what was refused
   */
  checkRequest(headers: IncomingHttpHeaders, options: { stateChanging: boolean }): void {
    const host = headers.host;
    const hostProblem = this.hostProblem(host);
    if (hostProblem) throw new ForbiddenRequestError(hostProblem, 421);
    const originProblem = this.originProblem(headers.origin, host);
    if (originProblem)
      throw new ForbiddenRequestError(`${originProblem}: another site's page cannot act on this server`, 403, {
        code: 'origin.foreign',
      });
    if (options.stateChanging && !this.isOperatorToken(headers[OPERATOR_TOKEN_HEADER])) {
      throw new ForbiddenRequestError(
        `this action needs the operator token in the ${OPERATOR_TOKEN_HEADER} header (the dashboard gets it from /api/config)`,
        403,
        { code: 'operator.required' },
      );
    }
  }
}

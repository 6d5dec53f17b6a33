import type { IncomingMessage } from 'node:http';
import { ADMIN_COOKIE } from '../admin';
import { readCookie } from '../admin/httpSecurity';

/**
 * Who may operate the dashboard (join and leave channels, replays, imports), i.e. be handed the operator token by
 * `/api/config`: a browser on this machine (loopback address), or anyone signed in to the admin section. Everyone
 * else is a viewer: on `--host 0.0.0.0` the network can watch, not drive.
 *
 * Why loopback is trusted: it is the local user's own machine (the default bind is 127.0.0.1); other sites' pages in
 * the local user's browser are kept out by the host and origin locks (`OriginPolicy`), not by this. Behind a
 * reverse proxy on the same machine every client looks local: set `operatorsLocal: false` there, and only signed-in
 * admins operate.
 */
export class OperatorAccess {
  /**
   * @param options.trustLoopback loopback clients operate without signing in (config `operatorsLocal`, default true)
   * @param options.signedIn whether an admin session id is live (the admin section's sessions)
   * @example new OperatorAccess({ trustLoopback: true, signedIn: (id) => admin.auth.session(id) !== null })
   */
  constructor(
    private readonly options: { trustLoopback: boolean; signedIn: (sessionId: string | undefined) => boolean },
  ) {}

  /** Whether this request comes from an operator. */
  mayOperate(req: Pick<IncomingMessage, 'headers' | 'socket'>): boolean {
    if (this.options.trustLoopback && isLoopback(req.socket.remoteAddress)) return true;
    return this.options.signedIn(readCookie(req.headers.cookie, ADMIN_COOKIE));
  }
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

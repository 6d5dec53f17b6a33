import type { Namespace, Server } from 'socket.io';
import type { AdminClientToServerEvents, AdminServerToClientEvents } from '../../contracts/training';
import type { Logger } from '../logger';
import type { AdminAuth } from './AdminAuth';
import type { AdminModelRegistry, AdminTrainingJobs } from './AdminDeps';
import { ADMIN_DISABLED_HINT } from './AdminAuth';
import { ADMIN_COOKIE, originMatchesHost, readCookie } from './httpSecurity';

/** The admin namespace's path on the dashboard's socket.io server. */
export const ADMIN_NAMESPACE = '/admin';

export type AdminNamespace = Namespace<
  AdminClientToServerEvents,
  AdminServerToClientEvents,
  Record<string, never>,
  { sessionId: string }
>;

/** How often connections of expired sessions are looked for. */
const EXPIRY_SWEEP_MS = 60_000;

/**
 * The `/admin` socket.io namespace: server-to-client training and registry events for signed-in admins. The
 * handshake must carry the session cookie, the session's CSRF token as `auth.csrfToken`, and (when sent) an
 * Origin matching the Host; otherwise the connection is refused (`connect_error` with the reason). Connections
 * are dropped when their session ends (sign-out, expiry). On connect a client gets the model list and every job.
 *
 * @returns `close()`: stops forwarding events
 */
export function attachAdminNamespace(
  io: Server,
  deps: { auth: AdminAuth; registry: AdminModelRegistry | null; training: AdminTrainingJobs | null; logger: Logger },
): { namespace: AdminNamespace; close(): void } {
  const { auth, registry, training, logger } = deps;
  const nsp = io.of(ADMIN_NAMESPACE) as unknown as AdminNamespace;

  nsp.use((socket, next) => {
    const headers = socket.handshake.headers;
    if (!auth.enabled) return next(new Error(ADMIN_DISABLED_HINT));
    if (!originMatchesHost(headers.origin, headers.host)) return next(new Error('cross-origin connection refused'));
    const session = auth.session(readCookie(headers.cookie, ADMIN_COOKIE));
    if (session === null) return next(new Error('not signed in (or the session expired)'));
    const token = (socket.handshake.auth as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (!auth.csrfMatches(session, typeof token === 'string' ? token : undefined))
      return next(new Error('missing or wrong CSRF token'));
    socket.data.sessionId = session.id;
    next();
  });

  nsp.on('connection', (socket) => {
    try {
      if (registry !== null) socket.emit('models:update', registry.list());
      for (const job of training?.list() ?? []) socket.emit('training:job', job);
    } catch (err) {
      logger.error({ err }, 'admin socket: initial state failed');
    }
  });

  const dropSession = (sessionId: string) => {
    for (const socket of nsp.sockets.values()) if (socket.data.sessionId === sessionId) socket.disconnect(true);
  };
  const stops: (() => void)[] = [auth.onSessionEnd(dropSession)];
  if (training !== null) {
    stops.push(
      training.subscribe({
        job: (job) => nsp.local.emit('training:job', job),
        progress: (progress) => nsp.local.emit('training:progress', progress),
        loss: (jobId, points) => nsp.local.emit('training:loss', { jobId, points }),
        log: (jobId, line) => nsp.local.emit('training:log', { jobId, line }),
      }),
    );
  }
  if (registry !== null) stops.push(registry.onChange(() => nsp.local.emit('models:update', registry.list())));
  // Expiry is noticed lazily (on lookup): sweep now and then so an expired session's sockets are dropped too.
  const sweep = setInterval(() => auth.prune(), EXPIRY_SWEEP_MS);
  sweep.unref();

  return {
    namespace: nsp,
    close: () => {
      clearInterval(sweep);
      stops.forEach((stop) => stop());
    },
  };
}

import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** The admin session cookie. */
export const ADMIN_COOKIE = 'ct_admin';
/** The header every state-changing admin request carries its session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** One cookie's value from a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Whether the request reached us over TLS (directly, or through a proxy that says so). */
export function isHttps(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted === true) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  return typeof forwarded === 'string' && forwarded.split(',')[0]!.trim() === 'https';
}

/**
 * The `Set-Cookie` value of a session (or of its removal when `value` is null): HttpOnly so page scripts never
 * see it, SameSite=Strict so other sites' pages never send it, Secure over https.
 */
export function sessionCookie(value: string | null, maxAgeSeconds: number, secure: boolean): string {
  const parts = [
    `${ADMIN_COOKIE}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${value === null ? 0 : maxAgeSeconds}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Whether the `Origin` header, when the browser sent one, names this very host: a cross-site form or script
 * cannot pass (SameSite=Strict and the CSRF token already stop it; this is the third lock).
 */
export function originMatchesHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (host === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** The client's address: the rate limit's key. */
export function remoteAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

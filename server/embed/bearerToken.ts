import { createHash, timingSafeEqual } from 'node:crypto';

/** What an `Authorization` header holds, against the expected bearer token. */
export type BearerCheck = 'ok' | 'missing' | 'invalid';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` in constant time: both sides are hashed first, so neither the token's
 * length nor its first differing byte shows in the timing.
 *
 * @param header the request's `authorization` header
 * @param token the expected token (non-empty)
 * @example
 * checkBearer(req.headers.authorization, config.embedToken); // 'ok' | 'missing' | 'invalid'
 */
export function checkBearer(header: string | undefined, token: string): BearerCheck {
  const match = /^Bearer[ \t]+(.+?)[ \t]*$/i.exec(header ?? '');
  if (match === null) return 'missing';
  return timingSafeEqual(digest(match[1]!), digest(token)) ? 'ok' : 'invalid';
}

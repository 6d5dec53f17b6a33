import { randomBytes, scrypt as scryptCallback, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PasswordHashError } from './errors';

/** scrypt cost parameters of new hashes: about 50 ms and 16 MiB per hash here, the usual interactive-login level. */
export const DEFAULT_SCRYPT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on stored parameters: a hand-edited hash must not make every login take seconds or gigabytes. */
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;

/** A parsed `scrypt$N$r$p$salt$hash` string. */
export interface PasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function scryptOptions(h: Pick<PasswordHash, 'N' | 'r' | 'p'>): ScryptOptions {
  // Node refuses scrypt above 32 MiB of memory unless maxmem says more (128 * N * r bytes, plus slack).
  return { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r + 1024 * 1024 };
}

/** Writes a hash as `scrypt$N$r$p$<salt base64url>$<key base64url>` (the config's `adminPasswordHash` format). */
export function formatPasswordHash(h: PasswordHash): string {
  return ['scrypt', h.N, h.r, h.p, h.salt.toString('base64url'), h.key.toString('base64url')].join('$');
}

/**
 * Reads a `scrypt$N$r$p$salt$hash` string.
 *
 * @param text the stored hash
 * @param where how errors name its origin (e.g. `adminPasswordHash`)
 * @throws PasswordHashError naming the field at fault
 */
export function parsePasswordHash(text: string, where = 'password hash'): PasswordHash {
  const parts = text.trim().split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    throw new PasswordHashError(
      `${where}: expected scrypt$N$r$p$salt$hash (made by \`chat-topics admin hash-password\`), got ${parts.length} fields`,
    );
  }
  const int = (value: string, field: string, max: number): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max)
      throw new PasswordHashError(`${where}: ${field} must be an integer from 1 to ${max}, got "${value}"`);
    return n;
  };
  const N = int(parts[1]!, 'N', 2 ** MAX_LOG2_N);
  if ((N & (N - 1)) !== 0 || N < 2) throw new PasswordHashError(`${where}: N must be a power of two above 1, got ${N}`);
  const r = int(parts[2]!, 'r', MAX_R);
  const p = int(parts[3]!, 'p', MAX_P);
  const bytes = (value: string, field: string, min: number): Buffer => {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new PasswordHashError(`${where}: ${field} must be base64url`);
    const b = Buffer.from(value, 'base64url');
    if (b.length < min)
      throw new PasswordHashError(`${where}: ${field} must hold at least ${min} bytes, got ${b.length}`);
    return b;
  };
  return { N, r, p, salt: bytes(parts[4]!, 'salt', 8), key: bytes(parts[5]!, 'hash', 16) };
}

/**
 * Hashes a password with scrypt and a fresh random salt (synchronous: for start-up and the CLI, not per request).
 *
 * @param password the plaintext (not kept)
 * @param params scrypt costs; default {@link DEFAULT_SCRYPT_PARAMS} (tests pass smaller ones)
 * @example hashPassword('correct horse battery'); // 'scrypt$16384$8$1$Xq...$9f...'
 */
export function hashPassword(
  password: string,
  params: { N: number; r: number; p: number } = DEFAULT_SCRYPT_PARAMS,
): string {
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, scryptOptions(params));
  return formatPasswordHash({ ...params, salt, key });
}

/**
 * Checks a password against a parsed hash: scrypt off the event loop (libuv's pool), then a constant-time compare.
 *
 * @example await verifyPassword(parsePasswordHash(stored), 'correct horse battery'); // true
 */
export function verifyPassword(hash: PasswordHash, password: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), hash.salt, hash.key.length, scryptOptions(hash), (err, derived) => {
      if (err) reject(err);
      else resolve(derived.length === hash.key.length && timingSafeEqual(derived, hash.key));
    });
  });
}

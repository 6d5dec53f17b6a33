import { describe, expect, it } from 'vitest';
import { PasswordHashError } from './errors';
import { formatPasswordHash, hashPassword, parsePasswordHash, verifyPassword } from './passwordHash';

const FAST = { N: 1024, r: 8, p: 1 };

describe('admin password hashes', () => {
  it('verify the hashed password and nothing else, with a fresh salt each time', async () => {
    const a = hashPassword('s3cret-password', FAST);
    const b = hashPassword('s3cret-password', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(parsePasswordHash(a), 's3cret-password')).toBe(true);
    expect(await verifyPassword(parsePasswordHash(b), 's3cret-password')).toBe(true);
    expect(await verifyPassword(parsePasswordHash(a), 's3cret-passwore')).toBe(false);
    expect(await verifyPassword(parsePasswordHash(a), '')).toBe(false);
  });

  it('treat composed and decomposed accents as the same password (NFC)', async () => {
    const hash = parsePasswordHash(hashPassword('mot de passe d\u00e9j\u00e0', FAST));
    expect(await verifyPassword(hash, 'mot de passe de\u0301ja\u0300')).toBe(true);
  });

  it('round-trip through the stored format', () => {
    const parsed = parsePasswordHash(hashPassword('another-password', FAST));
    expect(parsed).toMatchObject(FAST);
    expect(parsed.salt.length).toBe(16);
    expect(parsed.key.length).toBe(32);
    expect(parsePasswordHash(formatPasswordHash(parsed))).toEqual(parsed);
  });

  it('refuse malformed or dangerous stored hashes, naming the field', () => {
    const good = hashPassword('another-password', FAST).split('$');
    const withField = (i: number, v: string) => good.map((p, j) => (j === i ? v : p)).join('$');
    expect(() => parsePasswordHash('scrypt$1024$8$1$abc', 'adminPasswordHash')).toThrow(
      /adminPasswordHash: expected scrypt\$N\$r\$p\$salt\$hash/,
    );
    expect(() => parsePasswordHash(withField(0, 'bcrypt'))).toThrow(PasswordHashError);
    expect(() => parsePasswordHash(withField(1, '1000'))).toThrow(/N must be a power of two/);
    expect(() => parsePasswordHash(withField(1, String(2 ** 24)))).toThrow(/N must be an integer from 1 to/);
    expect(() => parsePasswordHash(withField(2, '0'))).toThrow(/r must be an integer/);
    expect(() => parsePasswordHash(withField(4, 'no+base64'))).toThrow(/salt must be base64url/);
    expect(() => parsePasswordHash(withField(5, 'AAAA'))).toThrow(/hash must hold at least 16 bytes/);
  });
});

import { describe, expect, it } from 'vitest';
import { ADMIN_DISABLED_HINT, AdminAuth } from './AdminAuth';
import { AdminHttpError } from './errors';
import { LoginRateLimiter } from './LoginRateLimiter';
import { hashPassword, parsePasswordHash } from './passwordHash';

const PASSWORD = 'correct horse battery';
const hash = parsePasswordHash(hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof AdminHttpError) return err.status;
    throw err;
  }
}

describe('AdminAuth sessions', () => {
  it('opens a session with random ids and CSRF tokens that end after adminSessionHours', async () => {
    const c = clock();
    const auth = new AdminAuth({ passwordHash: hash, sessionHours: 2, now: c.now });
    const ended: string[] = [];
    auth.onSessionEnd((id) => ended.push(id));
    const a = await auth.login(PASSWORD, '10.0.0.1');
    const b = await auth.login(PASSWORD, '10.0.0.1');
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(b.csrfToken);
    expect(Buffer.from(a.id, 'base64url').length).toBe(32);
    expect(auth.session(a.id)).toBe(a);

    c.advance(2 * 3600_000 - 1);
    expect(auth.session(a.id)).not.toBeNull();
    c.advance(1);
    expect(auth.session(a.id)).toBeNull();
    expect(ended).toEqual([a.id]);
    auth.prune();
    expect(ended).toEqual([a.id, b.id]);
    expect(auth.session(b.id)).toBeNull();
  });

  it('checks the CSRF token of the session, not of another one', async () => {
    const auth = new AdminAuth({ passwordHash: hash, sessionHours: 1 });
    const a = await auth.login(PASSWORD, 'x');
    const b = await auth.login(PASSWORD, 'x');
    expect(auth.csrfMatches(a, a.csrfToken)).toBe(true);
    expect(auth.csrfMatches(a, b.csrfToken)).toBe(false);
    expect(auth.csrfMatches(a, undefined)).toBe(false);
    expect(auth.csrfMatches(a, a.csrfToken.slice(1))).toBe(false);
  });

  it('ends a session on logout and ignores unknown cookies', async () => {
    const auth = new AdminAuth({ passwordHash: hash, sessionHours: 1 });
    const s = await auth.login(PASSWORD, 'x');
    auth.logout(s.id);
    expect(auth.session(s.id)).toBeNull();
    expect(auth.session('made-up')).toBeNull();
    expect(auth.session(undefined)).toBeNull();
  });

  it('refuses a wrong password (401), then every attempt from that address for a minute after 5 failures (429)', async () => {
    const c = clock();
    const auth = new AdminAuth({ passwordHash: hash, sessionHours: 1, now: c.now });
    for (let i = 0; i < 5; i++) expect(await statusOf(auth.login('wrong-password', '10.0.0.9'))).toBe(401);
    expect(await statusOf(auth.login(PASSWORD, '10.0.0.9'))).toBe(429);
    // Another address is not affected.
    expect(await statusOf(auth.login(PASSWORD, '10.0.0.10'))).toBe(200);
    c.advance(60_001);
    expect(await statusOf(auth.login(PASSWORD, '10.0.0.9'))).toBe(200);
  });

  it('stays locked without a password, saying how to enable it', async () => {
    const auth = AdminAuth.fromConfig({ adminSessionHours: 1 });
    expect(auth.enabled).toBe(false);
    await expect(auth.login('anything-at-all', 'x')).rejects.toThrow(ADMIN_DISABLED_HINT);
    expect(ADMIN_DISABLED_HINT).toMatch(/--admin-password/);
    expect(ADMIN_DISABLED_HINT).toMatch(/CHAT_TOPICS_ADMIN_PASSWORD/);
    expect(ADMIN_DISABLED_HINT).toMatch(/adminPasswordHash/);
  });

  it('takes the password from the config as plaintext (hashed at once) or as a stored hash', async () => {
    const plain = AdminAuth.fromConfig({ adminPassword: PASSWORD, adminSessionHours: 1 });
    await expect(plain.login(PASSWORD, 'x')).resolves.toMatchObject({ csrfToken: expect.any(String) });
    const hashed = AdminAuth.fromConfig({
      adminPasswordHash: hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }),
      adminSessionHours: 1,
    });
    await expect(hashed.login(PASSWORD, 'x')).resolves.toBeTruthy();
    expect(() => AdminAuth.fromConfig({ adminPasswordHash: 'scrypt$oops', adminSessionHours: 1 })).toThrow(
      /adminPasswordHash/,
    );
  });
});

describe('LoginRateLimiter', () => {
  it('counts attempts as they start, over a sliding window, and says how long to wait', () => {
    const c = clock(0);
    const limiter = new LoginRateLimiter(3, 60_000, c.now);
    expect(limiter.begin('a')).toBe(0);
    c.advance(10_000);
    expect([limiter.begin('a'), limiter.begin('a')]).toEqual([0, 0]);
    expect(limiter.begin('a')).toBe(50);
    expect(limiter.begin('b')).toBe(0); // another address is not held up
    c.advance(50_001);
    expect(limiter.begin('a')).toBe(0);
    expect(limiter.begin('a')).toBeGreaterThan(0);
    limiter.succeeded('a');
    expect(limiter.begin('a')).toBe(0);
  });

  it('holds everyone once all addresses together pass the global limit', () => {
    const c = clock(0);
    const limiter = new LoginRateLimiter(5, 60_000, c.now, 4);
    expect(['a', 'b', 'c', 'd'].map((x) => limiter.begin(x))).toEqual([0, 0, 0, 0]);
    expect(limiter.begin('e')).toBe(60);
    c.advance(60_001);
    expect(limiter.begin('e')).toBe(0);
  });
});

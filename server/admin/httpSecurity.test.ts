import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isHttps, originMatchesHost, readCookie, sessionCookie } from './httpSecurity';

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

describe('admin HTTP security helpers', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; ct_admin=abc-_9; b=2', 'ct_admin')).toBe('abc-_9');
    expect(readCookie('xct_admin=1', 'ct_admin')).toBeUndefined();
    expect(readCookie(undefined, 'ct_admin')).toBeUndefined();
  });

  it('marks the cookie Secure only over https (direct TLS or a proxy saying so)', () => {
    expect(sessionCookie('id', 3600, false)).toBe('ct_admin=id; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600');
    expect(sessionCookie('id', 3600, true)).toMatch(/; Secure$/);
    expect(sessionCookie(null, 3600, false)).toMatch(/^ct_admin=; .*Max-Age=0/);
    expect(isHttps(request({}, true))).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'http' }))).toBe(false);
    expect(isHttps(request({}))).toBe(false);
  });

  it('accepts an absent Origin or one naming the Host, nothing else', () => {
    expect(originMatchesHost(undefined, '127.0.0.1:3000')).toBe(true);
    expect(originMatchesHost('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(originMatchesHost('http://127.0.0.1:3001', '127.0.0.1:3000')).toBe(false);
    expect(originMatchesHost('https://evil.example', '127.0.0.1:3000')).toBe(false);
    expect(originMatchesHost('null', '127.0.0.1:3000')).toBe(false);
  });
});

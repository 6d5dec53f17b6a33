import { describe, expect, it } from 'vitest';
import { ForbiddenRequestError, OriginPolicy } from './OriginPolicy';

const policy = new OriginPolicy({ allowedHosts: ['Dashboard.LAN'], operatorToken: 'tok' });

describe('OriginPolicy', () => {
  it('answers to IP addresses, localhost and the allowed host names only (a rebinding domain is refused)', () => {
    for (const host of [
      '127.0.0.1:3000',
      'localhost:3000',
      'LOCALHOST',
      '[::1]:3000',
      '192.168.1.20:3000',
      'dashboard.lan:3000',
    ])
      expect(policy.hostProblem(host)).toBeNull();
    expect(policy.hostProblem('evil.example:3000')).toMatch(/host "evil\.example" is not served here/);
    expect(policy.hostProblem('127.0.0.1.evil.example')).toMatch(/not served here/);
    expect(policy.hostProblem(undefined)).toMatch(/names no host/);
    expect(policy.hostProblem('a b')).toMatch(/not a valid host/);
  });

  it('accepts no Origin (not a browser) or this very host, and refuses any other', () => {
    expect(policy.originProblem(undefined, 'localhost:3000')).toBeNull();
    expect(policy.originProblem('http://localhost:3000', 'localhost:3000')).toBeNull();
    expect(policy.originProblem('http://localhost:3001', 'localhost:3000')).toMatch(/not this dashboard/);
    expect(policy.originProblem('null', 'localhost:3000')).toMatch(/not this dashboard/);
    expect(policy.originProblem('http://evil.example', 'evil.example')).toBeNull(); // the Host lock stops this one
  });

  it('requires the operator token for state-changing requests, with the status each refusal deserves', () => {
    const headers = { host: 'localhost:3000', origin: 'http://localhost:3000' };
    expect(() => policy.checkRequest(headers, { stateChanging: false })).not.toThrow();
    expect(() => policy.checkRequest({ ...headers, 'x-csrf-token': 'tok' }, { stateChanging: true })).not.toThrow();
    const refusal = (h: Record<string, string>) => {
      try {
        policy.checkRequest(h, { stateChanging: true });
      } catch (err) {
        return err instanceof ForbiddenRequestError ? [err.status, err.message] : err;
      }
      return null;
    };
    expect(refusal(headers)).toEqual([403, expect.stringMatching(/needs the operator token/)]);
    expect(refusal({ ...headers, 'x-csrf-token': 'tok2' })).toEqual([
      403,
      expect.stringMatching(/needs the operator token/),
    ]);
    expect(refusal({ ...headers, origin: 'http://evil.example', 'x-csrf-token': 'tok' })).toEqual([
      403,
      expect.stringMatching(/another site's page/),
    ]);
    expect(refusal({ host: 'evil.example', 'x-csrf-token': 'tok' })).toEqual([
      421,
      expect.stringMatching(/not served here/),
    ]);
  });

  it('makes a new random token per start when none is given', () => {
    const a = new OriginPolicy().operatorToken;
    expect(a).toMatch(/^[\w-]{32}$/);
    expect(new OriginPolicy().operatorToken).not.toBe(a);
  });
});

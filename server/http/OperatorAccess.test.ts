import { describe, expect, it } from 'vitest';
import { isLoopback, OperatorAccess } from './OperatorAccess';

const request = (remoteAddress: string, cookie?: string) => ({
  socket: { remoteAddress } as never,
  headers: cookie ? { cookie } : {},
});

describe('OperatorAccess', () => {
  it('lets this machine operate, and the network only with a live admin session', () => {
    const access = new OperatorAccess({ trustLoopback: true, signedIn: (id) => id === 'live' });
    expect(access.mayOperate(request('127.0.0.1'))).toBe(true);
    expect(access.mayOperate(request('::ffff:127.0.0.1'))).toBe(true);
    expect(access.mayOperate(request('::1'))).toBe(true);
    expect(access.mayOperate(request('192.168.1.20'))).toBe(false);
    expect(access.mayOperate(request('192.168.1.20', 'ct_admin=stale'))).toBe(false);
    expect(access.mayOperate(request('192.168.1.20', 'other=1; ct_admin=live'))).toBe(true);
  });

  it('behind a local reverse proxy, trusts no address: only signed-in admins operate', () => {
    const access = new OperatorAccess({ trustLoopback: false, signedIn: (id) => id === 'live' });
    expect(access.mayOperate(request('127.0.0.1'))).toBe(false);
    expect(access.mayOperate(request('127.0.0.1', 'ct_admin=live'))).toBe(true);
  });

  it('knows loopback addresses from others', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '1270::1', 'fe80::1', ''].some(isLoopback)).toBe(false);
  });
});

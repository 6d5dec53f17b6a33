import net from 'node:net';

/**
 * Whether binding `host` keeps a server reachable from this machine only: `localhost`, 127.0.0.0/8, `::1` (also
 * IPv4-mapped). `0.0.0.0`, `::` and any other name or address are not.
 *
 * @example isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h) || /^(0{1,4}:){7}0{0,3}1$/.test(h);
  return false;
}

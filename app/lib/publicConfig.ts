import type { PublicConfig } from '../../contracts/socket-events';

/**
 * The server's public configuration (`/api/config`), read afresh: the operator token in it is new at every server
 * start and depends on who asks.
 */
export async function fetchPublicConfig(): Promise<PublicConfig> {
  const res = await fetch('/api/config', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as PublicConfig;
}

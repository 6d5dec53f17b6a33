'use client';

import { useDashboard } from '../lib/useDashboard';

/** The socket's own connection, in the header. */
export function ConnectionStatus() {
  const { connection } = useDashboard();
  const label = connection === 'connected' ? 'connected' : connection === 'connecting' ? 'connecting…' : 'offline';
  return (
    <span className={`conn conn-${connection}`} data-testid="socket-status" data-state={connection}>
      <span className="conn-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

'use client';

import { useEffect, useState } from 'react';
import { fetchPublicConfig } from '../lib/publicConfig';

/**
 * Tells a viewer why the forms will refuse them: joining, replays and imports are for operators (this machine, or
 * signed in at Admin). Nothing for an operator.
 */
export function OperatorNotice() {
  const [viewer, setViewer] = useState(false);
  useEffect(() => {
    fetchPublicConfig()
      .then((c) => setViewer(c.operatorToken === null))
      .catch(() => undefined);
  }, []);
  if (!viewer) return null;
  return (
    <p className="operator-notice" data-testid="operator-notice" role="status">
      You are viewing this dashboard. Joining channels, replays and imports are for operators: on the server&apos;s own
      machine, or after signing in at <a href="/admin">Admin</a> (then reload this page).
    </p>
  );
}

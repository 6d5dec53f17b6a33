'use client';

import { useI18n } from '../lib/i18n/I18nProvider';
import { useDashboard } from '../lib/useDashboard';

/** The socket's own connection, in the header. */
export function ConnectionStatus() {
  const { connection } = useDashboard();
  const { t } = useI18n();
  return (
    <span className={`conn conn-${connection}`} data-testid="socket-status" data-state={connection}>
      <span className="conn-dot" aria-hidden="true" />
      {t(`connection.${connection}`)}
    </span>
  );
}

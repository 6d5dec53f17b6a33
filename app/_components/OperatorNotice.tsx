'use client';

import { useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n/I18nProvider';
import { interpolateNodes } from '../lib/i18n/interpolateNodes';
import { fetchPublicConfig } from '../lib/publicConfig';

/**
 * Tells a viewer why the forms will refuse them: joining, replays and imports are for operators (this machine, or
 * signed in at Admin). Nothing for an operator.
 */
export function OperatorNotice() {
  const { t } = useI18n();
  const [viewer, setViewer] = useState(false);
  useEffect(() => {
    fetchPublicConfig()
      .then((c) => setViewer(c.operatorToken === null))
      .catch(() => undefined);
  }, []);
  if (!viewer) return null;
  return (
    <p className="operator-notice" data-testid="operator-notice" role="status">
      {interpolateNodes(t('operator.notice'), { admin: <a href="/admin">{t('nav.admin')}</a> })}
    </p>
  );
}

'use client';

import type { ChannelKind, ChannelState } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';

/** Channel state as a coloured badge (the raw state stays in `data-state`). */
export function StateBadge({
  state,
  testId = 'channel-state',
}: {
  state: ChannelState | 'closed' | 'unknown';
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <span className={`badge state-${state}`} data-testid={testId} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}

export function KindBadge({ kind }: { kind: ChannelKind }) {
  const { t } = useI18n();
  return (
    <span className={`badge kind kind-${kind}`} data-testid="channel-kind" data-kind={kind}>
      {t(`kind.${kind}`)}
    </span>
  );
}

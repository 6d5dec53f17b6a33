'use client';

import type { LinkLosses } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';

/**
 * What a live channel lost to drops of its link to Twitch: a gap in the archive that Twitch will never fill. Shown
 * once the link dropped at least once; nothing otherwise.
 */
export function LinkLossNote({ link, compact = false }: { link: LinkLosses | null | undefined; compact?: boolean }) {
  const { t, duration } = useI18n();
  if (!link || link.drops === 0) return null;
  const text = [
    t('linkLoss.drops', { count: link.drops, offline: duration(link.offlineSeconds) }),
    ...(link.missedEstimate > 0 ? [t('linkLoss.missed', { count: link.missedEstimate })] : []),
    ...(link.down ? [t('linkLoss.down')] : []),
  ].join(' · ');
  return (
    <span
      className={compact ? 'link-loss small' : 'link-loss'}
      data-testid="link-loss"
      data-drops={link.drops}
      title={t('linkLoss.title')}
    >
      {text}
    </span>
  );
}

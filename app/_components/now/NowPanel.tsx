'use client';

import { useId, useMemo } from 'react';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { NOW_DEFAULT_COUNT, rankNow } from '../../lib/now/rankNow';
import type { ChannelTopics } from '../../lib/useChannelTopics';
import { NowChipItem, NowEntryRow, useRecentSpan } from './NowEntryRow';

/**
 * What the Now panel says instead of topics: waiting for the server, engine off, warming up (how many messages the
 * first topics wait for), or nothing standing out; null when there are entries to show.
 */
export function useNowStatus(topics: ChannelTopics, shown: number): { status: string; text: string } | null {
  const { t } = useI18n();
  const { snapshot, enabled } = topics;
  if (!snapshot)
    return enabled === false ? { status: 'off', text: t('now.off') } : { status: 'waiting', text: t('now.waiting') };
  if (snapshot.status === 'warming-up')
    return {
      status: 'warming-up',
      text: t('now.warmup', { min: snapshot.window.minMessages, messages: snapshot.window.messages }),
    };
  return shown === 0 ? { status: 'empty', text: t('now.empty') } : null;
}

/**
 * The first panel of a channel page: the few topics chat talks about in the last minutes, ranked by recent activity
 * and growth (`rankNow`), greetings merged into one group, emote waves as chips. Updated with every topics snapshot.
 *
 * @param topics the channel's topics (`useChannelTopics`).
 * @param count entries shown at most (default `NOW_DEFAULT_COUNT`).
 */
export function NowPanel({ topics, count = NOW_DEFAULT_COUNT }: { topics: ChannelTopics; count?: number }) {
  const { t } = useI18n();
  const titleId = useId();
  const { snapshot } = topics;
  const binSeconds = snapshot?.trendBinSeconds ?? 60;
  const span = useRecentSpan(binSeconds);
  const view = useMemo(() => (snapshot ? rankNow(snapshot, count) : { entries: [], chips: [] }), [snapshot, count]);
  const status = useNowStatus(topics, view.entries.length + view.chips.length);
  return (
    <section
      className="panel now-panel"
      data-testid="now-panel"
      data-refits={snapshot?.refits ?? 0}
      data-refit-clock={snapshot?.lastRefit?.clock ?? ''}
      aria-labelledby={titleId}
    >
      <div className="now-head">
        <h2 id={titleId}>{t('now.title')}</h2>
        <p className="small muted">{t('now.subtitle', { span })}</p>
      </div>
      {status ? (
        <p className="now-status muted" data-testid="now-status" data-status={status.status}>
          {status.text}
        </p>
      ) : null}
      {view.entries.length > 0 ? (
        <ol className="now-list" data-testid="now-list">
          {view.entries.map((entry) => (
            <NowEntryRow key={entry.key} entry={entry} binSeconds={binSeconds} />
          ))}
        </ol>
      ) : null}
      {view.chips.length > 0 ? (
        <ul className="now-chips" data-testid="now-chips" aria-label={t('now.waves')} title={t('now.waves')}>
          {view.chips.map((chip) => (
            <NowChipItem key={chip.key} chip={chip} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

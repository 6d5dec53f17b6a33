'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ChannelInfo } from '../../contracts/socket-events';
import { formatClock } from '../lib/format';
import { useI18n } from '../lib/i18n/I18nProvider';
import { sayServerMessage } from '../lib/serverMessage';
import { request } from '../lib/socket';
import { useDashboard } from '../lib/useDashboard';
import { KindBadge, StateBadge } from './Badges';
import { LinkLossNote } from './LinkLossNote';

export function channelHref(c: Pick<ChannelInfo, 'key' | 'kind'>): string {
  return `/${c.kind === 'replay' ? 'replay' : 'channel'}/${encodeURIComponent(c.key)}`;
}

/** Open channels (demo, live, replays) with their state, live from `channels:update` and `channels:changed`. */
export function ChannelList() {
  const { channels, connection } = useDashboard();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);

  const leave = async (key: string) => {
    const res = await request('channel:leave', { channel: key });
    setError(res.ok ? null : t('channels.error', { channel: key, error: sayServerMessage(t, res) }));
  };

  return (
    <section className="panel" data-testid="channel-list">
      <h2>{t('channels.title')}</h2>
      {channels === null ? (
        <p className="muted">{connection === 'disconnected' ? t('channels.notConnected') : t('common.loading')}</p>
      ) : channels.length === 0 ? (
        <p className="muted">{t('channels.empty')}</p>
      ) : (
        <ul className="channel-list">
          {channels.map((c) => (
            <li key={c.key} data-testid="channel-item" data-channel={c.key} data-kind={c.kind} data-state={c.state}>
              <Link href={channelHref(c)} className="channel-link" data-testid="channel-link">
                {c.key}
              </Link>
              <KindBadge kind={c.kind} />
              <StateBadge state={c.state} />
              <span className="muted small">{t('common.messages', { count: c.messageCount })}</span>
              {c.replay ? (
                <span className="muted small mono">
                  {formatClock(c.replay.position)} / {formatClock(c.replay.duration)} ×{c.replay.speed}
                </span>
              ) : null}
              {c.node !== undefined ? (
                <span className="muted small" data-testid="channel-node" title={t('channels.nodeTitle')}>
                  {t('channels.node', { node: c.node })}
                </span>
              ) : null}
              <LinkLossNote link={c.link} compact />
              {c.error ? <span className="error small">{c.error}</span> : null}
              {c.kind !== 'demo' ? (
                <button
                  type="button"
                  className="small-button"
                  onClick={() => void leave(c.key)}
                  title={t('channels.stopTitle', { channel: c.key })}
                >
                  {t('channels.stop')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {error ? <p className="error">{error}</p> : null}
    </section>
  );
}

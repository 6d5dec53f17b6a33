'use client';

import type { ReactNode } from 'react';
import type { TopicsSnapshot } from '../../contracts/socket-events';
import { formatClock } from '../lib/format';
import { useI18n, type I18n } from '../lib/i18n/I18nProvider';
import { interpolateNodes } from '../lib/i18n/interpolateNodes';

export type TopicPanelStatus = TopicsSnapshot['status'] | 'off' | 'waiting';

/** Topics older than this (stream seconds) are said to lag: a refit normally follows the stream within a minute. */
const LAG_SHOWN_SECONDS = 90;

const EXCLUSION_REASONS = ['deleted', 'bot', 'command', 'empty', 'dropped'] as const;

/**
 * Says when the engine clusters a sample because chat outruns it: the topics still show what chat talks about, in
 * the right proportions, but fewer messages carry a topic colour in the feed.
 */
function OverloadNotice({ shed }: { shed: TopicsSnapshot['shed'] }) {
  const { t } = useI18n();
  if (shed.keepRatio >= 1) return null;
  const oneIn = Math.max(2, Math.round(1 / shed.keepRatio));
  return (
    <p className="topic-overload small" data-testid="topic-overload" data-keep-ratio={shed.keepRatio} role="status">
      <span className="badge warn">{t('status.overloaded')}</span> {t('status.overloadText', { oneIn })}
    </p>
  );
}

/** What the engine left out of clustering, by reason (deleted, bots, commands...), in the reader's words. */
function exclusions({ t }: I18n, snapshot: TopicsSnapshot): string[] {
  const out = EXCLUSION_REASONS.filter((r) => snapshot.excluded[r] > 0).map((r) =>
    t(`exclusion.${r}`, { count: snapshot.excluded[r] }),
  );
  if (snapshot.shed.messages > 0) out.push(t('exclusion.shed', { count: snapshot.shed.messages }));
  return out;
}

/**
 * The panel's status line in plain words: waiting for the server, engine off, warming up (messages against the first
 * refit's minimum), or live (topics, messages looked at, last update). The engine's figures (noise share, window
 * limits, refit timing, embedder, assignment latency, what was left out, and `details`: the pipeline) sit in a closed
 * "Details" disclosure.
 */
export function TopicStatus({
  snapshot,
  enabled,
  minMessages,
  sinceRefit,
  details,
}: {
  snapshot: TopicsSnapshot | null;
  enabled: boolean | null;
  minMessages: number | null;
  sinceRefit: { assigned: number; noise: number };
  /** More technical lines for the disclosure (the pipeline's stages). */
  details?: ReactNode;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const status: TopicPanelStatus = snapshot ? snapshot.status : enabled === false ? 'off' : 'waiting';
  const common = { 'data-testid': 'topic-status', 'data-status': status, className: 'topic-status' };

  if (!snapshot) {
    return (
      <div {...common}>
        <p className="muted">{status === 'off' ? t('status.off') : t('status.waiting')}</p>
      </div>
    );
  }

  const { window: w } = snapshot;
  const limits = t('status.windowLimits', { messages: w.maxMessages, minutes: i18n.minutes(w.maxSeconds / 60) });
  const excluded = exclusions(i18n, snapshot);
  const embedder = (
    <li>{interpolateNodes(t('status.embedder'), { name: <span className="mono">{snapshot.embedder}</span> })}</li>
  );

  if (snapshot.status === 'warming-up') {
    const min = minMessages ?? w.minMessages;
    return (
      <div {...common} data-refits={snapshot.refits} data-window={w.messages}>
        <p>
          <span className="badge topic-status-badge">{t('status.warmingUp')}</span>{' '}
          {min !== null && min > 0
            ? t('status.warmup', { messages: w.messages, min })
            : t('status.warmupNoMin', { count: w.messages })}
        </p>
        <OverloadNotice shed={snapshot.shed} />
        <StatusDetails>
          {embedder}
          <li>{limits}</li>
          {excluded.length > 0 ? <li>{t('status.excluded', { list: excluded.join(', ') })}</li> : null}
          {details}
        </StatusDetails>
      </div>
    );
  }

  const live = snapshot.topics.filter((topic) => topic.state !== 'ended').length;
  const ended = snapshot.topics.length - live;
  const refit = snapshot.lastRefit;
  const { p50Ms, p95Ms } = snapshot.assignment;
  return (
    <div {...common} data-refits={snapshot.refits} data-topics={live} data-window={w.messages}>
      <ul className="topic-status-items">
        <li>
          <span className="badge topic-status-badge ready">{t('status.ready')}</span>
        </li>
        <li data-testid="topic-count">
          <strong>{t('status.topics', { count: live })}</strong>
          {ended > 0 ? <span className="muted"> {t('status.ended', { count: ended })}</span> : null}
        </li>
        <li>{t('status.window', { count: w.messages })}</li>
        {refit ? <li>{t('status.updated', { time: i18n.time(refit.at) })}</li> : null}
        {refit && snapshot.clock - refit.clock > LAG_SHOWN_SECONDS ? (
          <li className="topic-lag" data-testid="topic-lag" title={t('status.lagTitle')}>
            {t('status.lag', { lag: formatClock(snapshot.clock - refit.clock) })}
          </li>
        ) : null}
      </ul>
      <OverloadNotice shed={snapshot.shed} />
      <StatusDetails>
        <li>{t('status.noise', { share: i18n.share(snapshot.noise, w.messages) })}</li>
        <li>{limits}</li>
        {refit ? (
          <li
            title={t('status.refitTitle', {
              refits: snapshot.refits,
              time: i18n.time(refit.at),
              stages: refit.stages.map((s) => `${s.stage} ${i18n.ms(s.ms)}`).join(', '),
            })}
          >
            {t('status.refit', {
              time: i18n.time(refit.at),
              clock: formatClock(refit.clock),
              duration: i18n.ms(refit.durationMs),
              count: refit.messages,
            })}
          </li>
        ) : null}
        {embedder}
        <li
          title={t('status.assignmentTitle', {
            count: snapshot.assignment.count,
            assigned: sinceRefit.assigned,
            noise: sinceRefit.noise,
          })}
        >
          {t('status.assignment', { p50: i18n.ms(p50Ms), p95: i18n.ms(p95Ms) })}
        </li>
        {excluded.length > 0 ? <li>{t('status.excluded', { list: excluded.join(', ') })}</li> : null}
        {details}
      </StatusDetails>
    </div>
  );
}

/** The engine's figures, closed by default: a streamer reads the topics, not the clustering. */
function StatusDetails({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <details className="topic-details small muted" data-testid="topic-details">
      <summary>{t('common.details')}</summary>
      <ul className="topic-details-items">{children}</ul>
    </details>
  );
}

'use client';

import type { TopicsSnapshot } from '../../contracts/socket-events';
import { formatClock } from '../lib/format';
import { formatMs, formatShare, warmupText } from '../lib/topicFormat';

export type TopicPanelStatus = TopicsSnapshot['status'] | 'off' | 'waiting';

/** Topics older than this (stream seconds) are said to lag: a refit normally follows the stream within a minute. */
const LAG_SHOWN_SECONDS = 90;

const EXCLUSION_REASONS = ['deleted', 'bot', 'command', 'empty', 'dropped'] as const;

/** `12:03:04` in the viewer's time zone, for the wall-clock time of a refit. */
function wallTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}

/**
 * Says when the engine clusters a sample because chat outruns it: the topics still show what chat talks about, in
 * the right proportions, but fewer messages carry a topic colour in the feed.
 */
function OverloadNotice({ shed }: { shed: TopicsSnapshot['shed'] }) {
  if (shed.keepRatio >= 1) return null;
  const oneIn = Math.max(2, Math.round(1 / shed.keepRatio));
  return (
    <p className="topic-overload small" data-testid="topic-overload" data-keep-ratio={shed.keepRatio} role="status">
      <span className="badge warn">overloaded</span> chat is faster than the topic engine: clustering 1 message in{' '}
      {oneIn}. Every message is still archived and shown.
    </p>
  );
}

/**
 * The panel's status line: waiting for the server, engine off, warming up (messages against the first refit's
 * minimum), or ready (topics, noise share, window, last refit, embedder, assignment latency).
 */
export function TopicStatus({
  snapshot,
  enabled,
  minMessages,
  sinceRefit,
}: {
  snapshot: TopicsSnapshot | null;
  enabled: boolean | null;
  minMessages: number | null;
  sinceRefit: { assigned: number; noise: number };
}) {
  const status: TopicPanelStatus = snapshot ? snapshot.status : enabled === false ? 'off' : 'waiting';
  const common = { 'data-testid': 'topic-status', 'data-status': status, className: 'topic-status' };

  if (!snapshot) {
    return (
      <div {...common}>
        <p className="muted">
          {status === 'off'
            ? 'The topic engine is off on this server (it was started with --no-topics).'
            : 'Waiting for the topic engine…'}
        </p>
      </div>
    );
  }

  const { window: w } = snapshot;
  const limits = `${w.maxMessages.toLocaleString('en-US')} msgs, ${Number((w.maxSeconds / 60).toFixed(1))} min`;
  const excluded = EXCLUSION_REASONS.filter((r) => snapshot.excluded[r] > 0).map(
    (r) => `${snapshot.excluded[r].toLocaleString('en-US')} ${r}`,
  );
  if (snapshot.shed.messages > 0)
    excluded.push(`${snapshot.shed.messages.toLocaleString('en-US')} sampled out under load`);

  if (snapshot.status === 'warming-up') {
    return (
      <div {...common} data-refits={snapshot.refits} data-window={w.messages}>
        <p>
          <span className="badge topic-status-badge">warming up</span>{' '}
          {warmupText(w.messages, minMessages ?? w.minMessages)}
        </p>
        <p className="muted small">
          embedder <span className="mono">{snapshot.embedder}</span> · window up to {limits}
          {excluded.length > 0 ? ` · left out: ${excluded.join(', ')}` : ''}
        </p>
        <OverloadNotice shed={snapshot.shed} />
      </div>
    );
  }

  const live = snapshot.topics.filter((t) => t.state !== 'ended').length;
  const ended = snapshot.topics.length - live;
  const refit = snapshot.lastRefit;
  const { p50Ms, p95Ms } = snapshot.assignment;
  return (
    <div {...common} data-refits={snapshot.refits} data-topics={live} data-window={w.messages}>
      <ul className="topic-status-items">
        <li>
          <span className="badge topic-status-badge ready">ready</span>
        </li>
        <li data-testid="topic-count">
          <strong>{live}</strong> topic{live === 1 ? '' : 's'}
          {ended > 0 ? <span className="muted"> (+{ended} ended)</span> : null}
        </li>
        <li>
          noise <strong>{formatShare(snapshot.noise, w.messages)}</strong>
        </li>
        <li>
          window {w.messages.toLocaleString('en-US')} msgs <span className="muted">(up to {limits})</span>
        </li>
        {refit ? (
          <li
            title={`refit #${snapshot.refits} finished at ${wallTime(refit.at)} (${refit.stages.map((s) => `${s.stage} ${formatMs(s.ms)}`).join(', ')})`}
          >
            last refit <span className="mono">{wallTime(refit.at)}</span> (stream {formatClock(refit.clock)}) in{' '}
            {formatMs(refit.durationMs)}, {refit.messages.toLocaleString('en-US')} msgs
          </li>
        ) : null}
        {refit && snapshot.clock - refit.clock > LAG_SHOWN_SECONDS ? (
          <li
            className="topic-lag"
            data-testid="topic-lag"
            title="The stream runs faster than refits: the next one starts from the newest messages as soon as this one is done."
          >
            topics <strong>{formatClock(snapshot.clock - refit.clock)}</strong> behind the stream
          </li>
        ) : null}
        <li>
          embedder <span className="mono">{snapshot.embedder}</span>
        </li>
        <li
          title={`${snapshot.assignment.count} recent messages; ${sinceRefit.assigned} placed since the last refit, ${sinceRefit.noise} of them as noise`}
        >
          assignment p50 <span className="mono">{formatMs(p50Ms)}</span> / p95{' '}
          <span className="mono">{formatMs(p95Ms)}</span>
        </li>
      </ul>
      <OverloadNotice shed={snapshot.shed} />
      {excluded.length > 0 ? <p className="muted small">left out of clustering: {excluded.join(', ')}</p> : null}
    </div>
  );
}

'use client';

import Link from 'next/link';
import type { StreamSummary } from '../../contracts/chat';
import { useI18n } from '../lib/i18n/I18nProvider';
import { useDashboard } from '../lib/useDashboard';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * How a person names an archived stream: its channel, then its date (when the archive knows the wall clock) and its
 * title, e.g. `zerator · 06/12/2026 21:40 · Soirée Among Us`.
 */
export function streamName(stream: StreamSummary, dateTime: (instant: number) => string): string {
  const parts = [stream.channel];
  if (stream.absoluteTime) parts.push(dateTime(stream.startedAt));
  if (stream.title.trim() !== '') parts.push(stream.title.trim());
  return parts.join(' · ');
}

/**
 * A replay page's heading and document title: the stream it plays (channel, date, title), the replay's key beside
 * it in small (the key is only the dashboard's handle for this replay).
 */
export function ReplayHeading({ channelKey, streamId }: { channelKey: string; streamId: string | null }) {
  const { streams } = useDashboard();
  const { t, dateTime } = useI18n();
  const stream = streams?.find((s) => s.id === streamId) ?? null;
  const name = stream ? streamName(stream, dateTime) : null;
  useDocumentTitle(name === null ? null : `${name} (${t('kind.replay')}) · chat-topics`);
  return (
    <>
      <h1 data-testid="replay-heading" data-channel={stream?.channel ?? ''}>
        {name ?? channelKey}
      </h1>
      <span className="muted mono small" data-testid="channel-title">
        {channelKey}
      </span>
      {streamId ? (
        <Link href={`/streams/${encodeURIComponent(streamId)}`} className="small" data-testid="replay-analyse-link">
          {t('ws.replayLink')}
        </Link>
      ) : null}
    </>
  );
}

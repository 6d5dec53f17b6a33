'use client';

import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { ChatLine } from '../../contracts/socket-events';
import type { FeedTopic } from '../lib/feedTopicColours';
import { formatClock, loginHue, splitEmotes } from '../lib/format';
import { useI18n } from '../lib/i18n/I18nProvider';

/**
 * One chat line. Everything from chat is rendered as React text nodes (never as HTML), so `<img onerror=...>` in a
 * message shows as those characters.
 */
// Topic id and colour as primitives, so the memo skips lines whose topic did not change.
const FeedLine = memo(function FeedLine({
  line,
  deleted,
  topicId,
  topicCss,
}: {
  line: ChatLine;
  deleted: boolean;
  topicId?: number;
  topicCss?: string;
}) {
  const { t } = useI18n();
  const m = line.message;
  const classes = ['feed-line'];
  if (deleted) classes.push('deleted');
  if (m.flags.action) classes.push('action');
  const dim = m.flags.bot || m.flags.command;
  if (dim) classes.push('dim');
  return (
    <li
      className={classes.join(' ')}
      data-testid="feed-line"
      data-seq={line.seq}
      data-deleted={deleted ? 'true' : undefined}
      data-topic={topicId}
      style={topicCss ? { boxShadow: `inset 3px 0 0 ${topicCss}` } : undefined}
      title={topicId === undefined ? undefined : t('feed.topic', { id: String(topicId) })}
    >
      <time className="feed-time">{formatClock(m.elapsed)}</time>
      <span
        className="feed-user"
        style={dim ? undefined : { color: `hsl(${loginHue(m.user.login)} 70% 68%)` }}
        title={m.user.login}
      >
        {m.user.displayName || m.user.login}
      </span>
      {m.bits > 0 ? <span className="feed-bits">{t('feed.bits', { count: m.bits })}</span> : null}
      <span className="feed-text" data-testid="feed-text">
        {splitEmotes(m.text, m.emotes).map((seg, i) =>
          seg.emote ? (
            <span key={i} className="emote">
              {seg.text}
            </span>
          ) : (
            seg.text
          ),
        )}
      </span>
    </li>
  );
});

/** The live message list, newest at the bottom; it follows new messages unless the reader scrolled up. */
export function Feed({
  lines,
  deleted,
  hideDeleted = false,
  topicOf,
}: {
  lines: ChatLine[];
  deleted: ReadonlySet<string>;
  hideDeleted?: boolean;
  /** Topic of a line by seq (live topics: a coloured left edge); absent lines get none. */
  topicOf?: ReadonlyMap<number, FeedTopic>;
}) {
  const { t } = useI18n();
  const boxRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box && follow) box.scrollTop = box.scrollHeight;
  }, [lines, follow]);

  const onScroll = () => {
    const box = boxRef.current;
    if (!box) return;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    if (atBottom !== follow) setFollow(atBottom);
  };

  return (
    <div className="feed-wrap">
      {/* Focusable so the keyboard can scroll it; a log, so screen readers know new lines arrive at the end. */}
      <div
        className="feed"
        ref={boxRef}
        onScroll={onScroll}
        data-testid="feed"
        tabIndex={0}
        role="log"
        aria-label={t('feed.title')}
      >
        {lines.length === 0 ? <p className="muted feed-empty">{t('feed.waiting')}</p> : null}
        <ol className="feed-list">
          {lines.map((line) => {
            const isDeleted = line.message.deleted || deleted.has(line.message.id);
            if (isDeleted && hideDeleted) return null;
            const topic = topicOf?.get(line.seq);
            return (
              <FeedLine key={line.seq} line={line} deleted={isDeleted} topicId={topic?.id} topicCss={topic?.css} />
            );
          })}
        </ol>
      </div>
      {!follow ? (
        <button type="button" className="feed-jump" onClick={() => setFollow(true)}>
          {t('feed.latest')}
        </button>
      ) : null}
    </div>
  );
}

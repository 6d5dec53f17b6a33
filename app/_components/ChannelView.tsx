'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { formatClock } from '../lib/format';
import { useChannelFeed, type ChannelFeed } from '../lib/useChannelFeed';
import { feedTopicColours } from '../lib/feedTopicColours';
import { useChannelTopics } from '../lib/useChannelTopics';
import { KindBadge, StateBadge } from './Badges';
import { Feed } from './Feed';
import { RateChart } from './RateChart';
import { TopicPanel } from './TopicPanel';
import { LinkLossNote } from './LinkLossNote';

/** The stream clock of a channel: the replay position, or the newest of the rate clock and the last line. */
export function streamClock(feed: ChannelFeed): number {
  if (feed.info?.kind === 'replay') return feed.rate?.clock ?? feed.info.replay?.position ?? 0;
  const last = feed.lines[feed.lines.length - 1];
  return Math.max(feed.rate?.clock ?? 0, last?.message.elapsed ?? 0);
}

/**
 * A channel's page: header (state, clock, count), rate chart, live topics and feed. `controls` renders above the
 * chart (the replay transport).
 */
export function ChannelView({
  channelKey,
  controls,
}: {
  channelKey: string;
  controls?: (feed: ChannelFeed) => ReactNode;
}) {
  const feed = useChannelFeed(channelKey);
  const topics = useChannelTopics(channelKey);
  const topicColours = useMemo(() => feedTopicColours(topics), [topics]);
  const { info } = feed;
  const clock = streamClock(feed);
  const count = Math.max(info?.messageCount ?? 0, feed.lastSeq);
  const state = info ? info.state : feed.closed ? 'closed' : 'unknown';

  return (
    <div className="channel-page">
      <section className="panel channel-head">
        <div className="channel-title">
          <h1 data-testid="channel-title">{channelKey}</h1>
          {info ? <KindBadge kind={info.kind} /> : null}
          <StateBadge state={state} />
          {info?.kind === 'replay' && !controls ? (
            <Link href={`/replay/${encodeURIComponent(channelKey)}`}>replay controls</Link>
          ) : null}
        </div>
        <dl className="stats">
          <div>
            <dt>Stream clock</dt>
            <dd className="clock" data-testid="stream-clock" data-seconds={Math.floor(clock)}>
              {formatClock(clock)}
            </dd>
          </div>
          <div>
            <dt>Messages</dt>
            <dd data-testid="message-count" data-count={count}>
              {count.toLocaleString('en-US')}
            </dd>
          </div>
          <div>
            <dt>Stream</dt>
            <dd className="mono small">{info?.streamId ?? '—'}</dd>
          </div>
        </dl>
        {info?.link?.drops ? (
          <p>
            <LinkLossNote link={info.link} />
          </p>
        ) : null}
        {info?.error ? (
          <p className="error" data-testid="channel-error">
            {info.error}
          </p>
        ) : null}
        {feed.error ? (
          <p className="error" data-testid="subscribe-error">
            {feed.closed ? `This channel is not open: ${feed.error}` : feed.error}
          </p>
        ) : null}
      </section>
      {controls ? controls(feed) : null}
      <RateChart snapshot={feed.rate} />
      <TopicPanel topics={topics} />
      <section className="panel feed-panel">
        <h2>
          Chat <span className="muted small">(last {feed.lines.length} lines)</span>
        </h2>
        <Feed lines={feed.lines} deleted={feed.deleted} topicOf={topicColours} />
      </section>
    </div>
  );
}

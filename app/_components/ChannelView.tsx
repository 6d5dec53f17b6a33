'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { formatClock } from '../lib/format';
import { useI18n } from '../lib/i18n/I18nProvider';
import { useChannelFeed, type ChannelFeed } from '../lib/useChannelFeed';
import { feedTopicColours } from '../lib/feedTopicColours';
import { useChannelTopics } from '../lib/useChannelTopics';
import { KindBadge, StateBadge } from './Badges';
import { Feed } from './Feed';
import { RateChart } from './RateChart';
import { TopicPanel } from './TopicPanel';
import { LinkLossNote } from './LinkLossNote';
import { NowPanel } from './now/NowPanel';
import { QuestionList } from './questions/QuestionList';
import { useQuestions } from '../lib/now/useQuestions';

/**
 * The stream clock of a channel: a replay's transport position (one source, so the clock and the transport never
 * disagree), else the newest of the rate clock and the last line.
 */
export function streamClock(feed: ChannelFeed): number {
  if (feed.info?.kind === 'replay') return feed.info.replay?.position ?? feed.rate?.clock ?? 0;
  const last = feed.lines[feed.lines.length - 1];
  return Math.max(feed.rate?.clock ?? 0, last?.message.elapsed ?? 0);
}

/**
 * A channel's page: header (state, clock, count), then what chat talks about now and the questions it asks, rate
 * chart, every live topic (collapsed) and feed. `controls` renders above the chart (the replay transport).
 */
export function ChannelView({
  channelKey,
  controls,
  heading,
}: {
  channelKey: string;
  controls?: (feed: ChannelFeed) => ReactNode;
  /** Replaces the heading (the channel's key): a replay names its stream. */
  heading?: (feed: ChannelFeed) => ReactNode;
}) {
  const { t, number } = useI18n();
  const feed = useChannelFeed(channelKey);
  const topics = useChannelTopics(channelKey);
  const topicColours = useMemo(() => feedTopicColours(topics), [topics]);
  const { info } = feed;
  const clock = streamClock(feed);
  const questions = useQuestions(channelKey, feed.lines, clock);
  // A replay counts what has played up to its position (it restarts with "Play again" and seeks); line numbers
  // only grow, so they say how many lines came, not where the stream stands. A channel another node took over
  // numbers past its old owner's lines: its offset takes that back out.
  const count =
    info?.kind === 'replay'
      ? info.messageCount
      : Math.max(info?.messageCount ?? 0, feed.lastSeq - (info?.seqOffset ?? 0));
  const state = info ? info.state : feed.closed ? 'closed' : 'unknown';

  // No such channel (the server refused it and does not list it): say so alone, not above an empty dashboard.
  if (feed.closed && feed.error !== null && info === null) {
    return (
      <section className="panel" data-testid="channel-not-found" data-channel={channelKey}>
        <h1>{t('channel.notFound', { channel: channelKey })}</h1>
        <p className="error">{feed.error}</p>
        <p>
          <Link href="/" data-testid="home-link">
            {t('channel.backHome')}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <div className="channel-page">
      <section className="panel channel-head">
        <div className="channel-title">
          {heading ? heading(feed) : <h1 data-testid="channel-title">{channelKey}</h1>}
          {info ? <KindBadge kind={info.kind} /> : null}
          <StateBadge state={state} />
          {info?.kind === 'replay' && !controls ? (
            <Link href={`/replay/${encodeURIComponent(channelKey)}`}>{t('channel.replayControls')}</Link>
          ) : null}
        </div>
        <dl className="stats">
          <div>
            <dt>{t('channel.clock')}</dt>
            <dd className="clock" data-testid="stream-clock" data-seconds={Math.floor(clock)}>
              {formatClock(clock)}
            </dd>
          </div>
          <div>
            <dt>{t('channel.messages')}</dt>
            <dd data-testid="message-count" data-count={count}>
              {number(count)}
            </dd>
          </div>
          <div>
            <dt>{t('channel.stream')}</dt>
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
            {feed.closed ? t('channel.notOpen', { error: feed.error }) : feed.error}
          </p>
        ) : null}
      </section>
      <div className="live-now">
        <NowPanel topics={topics} />
        <QuestionList questions={questions} />
      </div>
      {controls ? controls(feed) : null}
      <RateChart snapshot={feed.rate} />
      <TopicPanel topics={topics} />
      <section className="panel feed-panel">
        <h2>
          {t('feed.title')} <span className="muted small">{t('feed.lastLines', { count: feed.lines.length })}</span>
        </h2>
        <Feed lines={feed.lines} deleted={feed.deleted} topicOf={topicColours} />
      </section>
    </div>
  );
}

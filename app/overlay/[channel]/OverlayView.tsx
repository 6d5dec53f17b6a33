'use client';

import { useEffect, useMemo } from 'react';
import { streamClock } from '../../_components/ChannelView';
import { NowMark } from '../../_components/now/NowMark';
import { useNowStatus } from '../../_components/now/NowPanel';
import { FixedLocale, useI18n } from '../../lib/i18n/I18nProvider';
import { rankNow, type NowEntry } from '../../lib/now/rankNow';
import { OVERLAY_QUESTIONS, type OverlayParams } from '../../lib/now/overlayParams';
import { readableLabel } from '../../lib/now/topicKinds';
import { useQuestions } from '../../lib/now/useQuestions';
import { topicColour } from '../../lib/topicPalette';
import { useChannelFeed } from '../../lib/useChannelFeed';
import { useChannelTopics } from '../../lib/useChannelTopics';

/** Marks the document as an overlay while the page is shown: the site header and page background go (globals.css). */
function useOverlayDocument(theme: OverlayParams['theme']): void {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('overlay-mode');
    root.dataset.overlayTheme = theme;
    return () => {
      root.classList.remove('overlay-mode');
      delete root.dataset.overlayTheme;
    };
  }, [theme]);
}

function entryLabel(entry: NowEntry, greetings: string): string {
  return entry.kind === 'greetings' ? greetings : readableLabel(entry.topic.terms) || `#${entry.topic.id}`;
}

function OverlayContent({ channelKey, params }: { channelKey: string; params: OverlayParams }) {
  const { t, number } = useI18n();
  // The feed joins the channel's room (the topics hook only listens) and carries the lines questions come from.
  const feed = useChannelFeed(channelKey);
  const topics = useChannelTopics(channelKey);
  const questions = useQuestions(channelKey, feed.lines, streamClock(feed));
  const { snapshot } = topics;
  const view = useMemo(
    () => (snapshot ? rankNow(snapshot, params.count) : { entries: [], chips: [] }),
    [snapshot, params.count],
  );
  const status = useNowStatus(topics, view.entries.length + view.chips.length);
  const shownQuestions = params.questions ? questions.groups.slice(0, OVERLAY_QUESTIONS) : [];
  return (
    <div className={`overlay-root overlay-${params.theme}`} data-testid="overlay" data-channel={channelKey}>
      <h1 className="overlay-title">{t('overlay.title')}</h1>
      {status ? (
        <p className="overlay-status" data-testid="overlay-status" data-status={status.status}>
          {status.status === 'waiting' ? t('overlay.waiting') : status.text}
        </p>
      ) : null}
      <ol className="overlay-list" data-testid="now-list">
        {view.entries.map((entry) => (
          <li
            key={entry.key}
            className="overlay-item"
            data-testid="now-item"
            data-kind={entry.kind}
            data-mark={entry.mark}
            style={entry.kind === 'topic' ? { borderLeftColor: topicColour(entry.topic.colour).css } : undefined}
          >
            <span className="overlay-label" data-testid="now-label">
              {entryLabel(entry, t('now.greetings'))}
            </span>
            <span className="overlay-count">{number(entry.recent)}</span>
            <NowMark mark={entry.mark} />
          </li>
        ))}
      </ol>
      {view.chips.length > 0 ? (
        <ul className="overlay-chips" aria-label={t('now.waves')}>
          {view.chips.slice(0, params.count).map((chip) => (
            <li key={chip.key} className="overlay-chip" data-testid="now-chip">
              {readableLabel(chip.topic.terms, 1)} <span className="overlay-count">{number(chip.recent)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {shownQuestions.length > 0 ? (
        <section className="overlay-questions" data-testid="overlay-questions">
          <h2>{t('overlay.questions')}</h2>
          <ol>
            {shownQuestions.map((q) => (
              <li key={q.id} data-testid="question" data-count={q.count}>
                <span className="overlay-question-text">{q.text}</span>{' '}
                {q.count > 1 ? <span className="overlay-count">×{number(q.count)}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

/**
 * The stream overlay (OBS / Streamlabs browser source): transparent page, large type, the channel's Now topics and
 * optionally its questions; no header, no scrollbars. Its language is the address's `lang` when given, else the
 * browser's.
 */
export function OverlayView({ channelKey, params }: { channelKey: string; params: OverlayParams }) {
  useOverlayDocument(params.theme);
  const content = <OverlayContent channelKey={channelKey} params={params} />;
  return params.locale ? <FixedLocale locale={params.locale}>{content}</FixedLocale> : content;
}

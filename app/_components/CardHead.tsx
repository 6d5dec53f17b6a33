'use client';

import type { TopicState } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';
import type { topicColour } from '../lib/topicPalette';
import { colourName } from '../lib/i18n/colourName';

/** The topic's life stage as a text badge, in the existing badge style (new, rising, fading...). */
export function TopicStateBadge({ state }: { state: TopicState }) {
  const { t } = useI18n();
  return (
    <span className={`badge topic-state topic-state-${state}`} data-testid="topic-state">
      {t(`topicState.${state}`)}
    </span>
  );
}

/**
 * The first line of a topic or moment card: colour swatch, name, life stage, size.
 * @param testId prefix of the size's test id (`topic` -> `topic-size`)
 */
export function CardHead({
  colour,
  name,
  state,
  size,
  testId,
}: {
  colour: ReturnType<typeof topicColour>;
  name: string;
  state: TopicState;
  size: number;
  testId: string;
}) {
  const i18n = useI18n();
  const colourText = colourName(i18n, colour.name);
  return (
    <div className="topic-card-head">
      <span
        className="topic-swatch"
        style={{ background: colour.css }}
        role="img"
        aria-label={i18n.t('card.colour', { name: colourText })}
        title={colourText}
      />
      <span className="topic-id mono">{name}</span>
      <TopicStateBadge state={state} />
      <span className="topic-size" data-testid={`${testId}-size`} data-size={size}>
        {i18n.t('common.messages', { count: size })}
      </span>
    </div>
  );
}

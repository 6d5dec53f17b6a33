import type { TopicState } from '../../contracts/socket-events';
import type { topicColour } from '../lib/topicPalette';

/** The topic's life stage as a text badge, in the existing badge style. */
export function TopicStateBadge({ state }: { state: TopicState }) {
  return (
    <span className={`badge topic-state topic-state-${state}`} data-testid="topic-state">
      {state}
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
  return (
    <div className="topic-card-head">
      <span
        className="topic-swatch"
        style={{ background: colour.css }}
        role="img"
        aria-label={`colour: ${colour.name}`}
        title={colour.name}
      />
      <span className="topic-id mono">{name}</span>
      <TopicStateBadge state={state} />
      <span className="topic-size" data-testid={`${testId}-size`} data-size={size}>
        {size.toLocaleString('en-US')} msg{size === 1 ? '' : 's'}
      </span>
    </div>
  );
}

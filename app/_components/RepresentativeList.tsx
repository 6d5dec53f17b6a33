import type { TrackedCard } from '../../contracts/socket-events';
import { formatClock } from '../lib/format';

/**
 * A card's typical messages: time, user, text (two lines at most). Chat text, rendered as React text nodes only.
 * @param testId prefix of the test ids (`topic` -> `topic-representative`, `topic-representative-text`)
 */
export function RepresentativeList({ messages, testId }: { messages: TrackedCard['representatives']; testId: string }) {
  if (messages.length === 0) return null;
  return (
    <ul className="topic-reps">
      {messages.map((m) => (
        <li key={m.id} className="topic-rep" data-testid={`${testId}-representative`}>
          <time className="feed-time">{formatClock(m.elapsed)}</time> <span className="topic-rep-user">{m.user}</span>{' '}
          <span className="topic-rep-text" data-testid={`${testId}-representative-text`} title={m.text}>
            {m.text}
          </span>
        </li>
      ))}
    </ul>
  );
}

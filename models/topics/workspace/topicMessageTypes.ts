import type { MessageType } from '../../../contracts/analysis';
import { messageType } from './messageTypes';
import { topicFeatures, type TypedMessage } from './topicFeatures';

/**
 * The message type of every topic of a labelling (`messageType` over each topic's messages).
 * @param messages every message, aligned with `labels`
 * @param labels topic of each message (-1 noise, left out)
 * @returns one type per topic 0..nTopics-1 ('other' for a topic with no message)
 */
export function topicMessageTypes(
  messages: readonly TypedMessage[],
  labels: ArrayLike<number>,
  nTopics: number,
): MessageType[] {
  const members: TypedMessage[][] = Array.from({ length: nTopics }, () => []);
  for (let i = 0; i < messages.length; i++) if (labels[i]! >= 0) members[labels[i]!]!.push(messages[i]!);
  return members.map((m) => (m.length === 0 ? 'other' : messageType(topicFeatures(m))));
}

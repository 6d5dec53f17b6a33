import type { MessageType } from '../../../contracts/analysis';
import type { TopicFeatures } from './topicFeatures';

/** One rule of the message-type classifier: the first rule that holds names the topic. */
export interface MessageTypeRule {
  type: MessageType;
  /** The rule in words (README, "Message types"). */
  when: string;
  holds: (f: TopicFeatures) => boolean;
}

/**
 * The rules, in the order they are tried. The order settles overlaps: a "+1" wave is a vote before it is a wave, a
 * repeated "salut" a greeting, a repeated long message a copypasta before an emote wave; "?" comes after the
 * shapes because "1 ou 2 ?" asks a vote. Thresholds are shares of the topic's messages, chosen on the labelled
 * examples (`messageTypes.examples.ts`).
 */
export const MESSAGE_TYPE_RULES: readonly MessageTypeRule[] = [
  {
    type: 'notice',
    when: 'at least 40% of messages talk about subs, bits, follows or donations',
    holds: (f) => f.noticeShare >= 0.4,
  },
  {
    type: 'vote',
    when: 'at least 50% of messages are only a vote ("+1", "2", "b", "F", "oui")',
    holds: (f) => f.voteShare >= 0.5,
  },
  {
    type: 'greeting',
    when: 'at least 50% of messages open with a hello or goodbye',
    holds: (f) => f.greetingShare >= 0.5,
  },
  {
    type: 'copypasta',
    when: 'at least 50% of messages repeat another one, 6+ words long on average, mostly words',
    holds: (f) => f.repetition >= 0.5 && f.meanWords >= 6 && f.emoteShare < 0.5,
  },
  {
    type: 'emote-wave',
    when: 'at least 50% of tokens are emotes, or short messages (3 words or fewer) repeated at 50%+',
    holds: (f) => f.emoteShare >= 0.5 || (f.meanWords <= 3 && f.repetition >= 0.5),
  },
  { type: 'conversation', when: 'at least 40% of messages @mention someone', holds: (f) => f.mentionShare >= 0.4 },
  {
    type: 'question',
    when: 'at least 40% of messages ask (end in "?" or open with a question word)',
    holds: (f) => f.questionShare >= 0.4,
  },
  {
    type: 'discussion',
    when: 'messages of 4+ words on average from several people (distinct users at least half the messages)',
    holds: (f) => f.meanWords >= 4 && f.userRatio >= 0.5,
  },
  { type: 'other', when: 'none of the above (short, varied reactions)', holds: () => true },
];

/**
 * How chat behaves in a topic: the first of `MESSAGE_TYPE_RULES` that its features meet.
 * @example messageType(topicFeatures([{ text: '+1', user: 'a' }, { text: '+1', user: 'b' }])) // 'vote'
 */
export function messageType(features: TopicFeatures): MessageType {
  return MESSAGE_TYPE_RULES.find((r) => r.holds(features))!.type;
}

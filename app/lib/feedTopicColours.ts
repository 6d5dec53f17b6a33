import type { ChannelTopics } from './useChannelTopics';
import { topicColour } from './topicPalette';

/** A feed line's topic: its id and the CSS colour of its card. */
export interface FeedTopic {
  id: number;
  css: string;
}

/**
 * The topic of each recent feed line (by seq) in its card's colour: lines placed between refits
 * (`topics:assigned`) whose topic is still on the panel. Noise and topics gone from the panel get no colour.
 */
export function feedTopicColours(
  topics: Pick<ChannelTopics, 'snapshot' | 'topicOfSeq'>,
): ReadonlyMap<number, FeedTopic> {
  const colourOf = new Map<number, string>();
  for (const card of topics.snapshot?.topics ?? [])
    if (card.state !== 'ended') colourOf.set(card.id, topicColour(card.colour).css);
  const out = new Map<number, FeedTopic>();
  for (const [seq, topic] of topics.topicOfSeq) {
    if (topic === null) continue;
    const css = colourOf.get(topic);
    if (css) out.set(seq, { id: topic, css });
  }
  return out;
}

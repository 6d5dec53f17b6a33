import { orderCards } from '../../contracts/cardOrder';
import type { MomentCard, TopicCard } from '../../contracts/socket-events';

/** Card order of the topic panel (pure functions, no React); numbers are formatted by `useI18n()`. */

/** Topic cards in display order (`contracts/cardOrder.ts`, the rule the server sends them in). */
export function orderTopicCards(cards: readonly TopicCard[]): TopicCard[] {
  return orderCards(cards);
}

/** Moment cards in the same order as topic cards. */
export function orderMomentCards(cards: readonly MomentCard[]): MomentCard[] {
  return orderCards(cards);
}

import type { MomentCard, TopicCard, TrackedCard } from '../../contracts/socket-events';

/** Card order of the topic panel (pure functions, no React); numbers are formatted by `useI18n()`. */

/**
 * Cards in display order: live topics largest first (ties by id, so equal cards do not swap places between
 * snapshots), then ended ones, most recently seen first. The server already sends this order; sorting again keeps
 * the panel right whatever a server version sends.
 */
export function orderTopicCards(cards: readonly TopicCard[]): TopicCard[] {
  return orderCards(cards);
}

/** Moment cards in the same order as topic cards. */
export function orderMomentCards(cards: readonly MomentCard[]): MomentCard[] {
  return orderCards(cards);
}

function orderCards<T extends TrackedCard>(cards: readonly T[]): T[] {
  const live = cards.filter((c) => c.state !== 'ended').sort((a, b) => b.size - a.size || a.id - b.id);
  const ended = cards.filter((c) => c.state === 'ended').sort((a, b) => b.lastSeenAt - a.lastSeenAt || a.id - b.id);
  return [...live, ...ended];
}

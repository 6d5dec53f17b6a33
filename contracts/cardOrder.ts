import type { TrackedCard } from './socket-events';

/**
 * The order topic and moment cards are shown in: live cards largest first (ties by id, so equal cards keep their
 * places between snapshots), then ended ones, most recently seen first. The server sends snapshots in this order and
 * the dashboard sorts again with the same rule, so the two cannot disagree.
 */
export function orderCards<T extends TrackedCard>(cards: readonly T[]): T[] {
  const live = cards.filter((c) => c.state !== 'ended').sort((a, b) => b.size - a.size || a.id - b.id);
  const ended = cards.filter((c) => c.state === 'ended').sort((a, b) => b.lastSeenAt - a.lastSeenAt || a.id - b.id);
  return [...live, ...ended];
}

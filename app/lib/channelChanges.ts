import type { ChannelChanges, ChannelInfo } from '../../contracts/socket-events';

/**
 * The channel list after a `channels:changed` message: closed channels dropped, changed ones replaced in place, new
 * ones appended (the server lists channels in the order they opened). Idempotent, so a change the full list of a
 * fresh connection already showed does no harm. Returns `current` itself when nothing differs (no re-render).
 */
export function applyChannelChanges(current: ChannelInfo[], { changed, removed }: ChannelChanges): ChannelInfo[] {
  if (changed.length === 0 && removed.length === 0) return current;
  const gone = new Set(removed);
  const byKey = new Map(changed.map((c) => [c.key, c]));
  const next = current.filter((c) => !gone.has(c.key)).map((c) => byKey.get(c.key) ?? c);
  const known = new Set(next.map((c) => c.key));
  for (const c of changed) if (!known.has(c.key) && !gone.has(c.key)) next.push(c);
  return next;
}

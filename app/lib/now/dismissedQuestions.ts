/**
 * Questions the reader hid, per channel, kept in this browser's `localStorage` (a streamer's choice on their own
 * machine: nothing goes to the server). At most `DISMISSED_KEPT` ids per channel, the oldest forgotten first.
 */

export const DISMISSED_KEPT = 500;

/** The `localStorage` key of one channel's hidden questions. */
export function dismissedKey(channel: string): string {
  return `chat-topics.questions.dismissed.${channel}`;
}

/** Reads where storage can be refused (privacy settings): then nothing is hidden after a reload. */
export function readDismissed(storage: Pick<Storage, 'getItem'> | null, channel: string): string[] {
  try {
    const raw = storage?.getItem(dismissedKey(channel));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Keeps `ids` as the channel's hidden questions (the newest `DISMISSED_KEPT`).
 * @returns the ids kept.
 */
export function writeDismissed(
  storage: Pick<Storage, 'setItem'> | null,
  channel: string,
  ids: readonly string[],
): string[] {
  const kept = ids.slice(-DISMISSED_KEPT);
  try {
    storage?.setItem(dismissedKey(channel), JSON.stringify(kept));
  } catch {
    // Not kept across reloads, but hidden on this page.
  }
  return kept;
}

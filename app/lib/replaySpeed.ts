/** The speeds the replay controls offer. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 50, 100, 1000] as const;

/** A first replay plays in real time: the chat as it was, readable. */
export const DEFAULT_REPLAY_SPEED = 1;

const STORAGE_KEY = 'chat-topics.replaySpeed';

/**
 * The speed the next replay starts at: the last one chosen in the replay controls (this browser), else x1.
 * Reads `localStorage`, so call it from an effect or an event handler, never while rendering on the server.
 */
export function nextReplaySpeed(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number {
  const saved = Number(storage?.getItem(STORAGE_KEY));
  return (REPLAY_SPEEDS as readonly number[]).includes(saved) ? saved : DEFAULT_REPLAY_SPEED;
}

/** Remembers the speed chosen in the replay controls, for the next replay started from this browser. */
export function rememberReplaySpeed(
  speed: number,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(STORAGE_KEY, String(speed));
  } catch {
    // Storage full or disabled (private mode): the next replay starts at x1, nothing else breaks.
  }
}

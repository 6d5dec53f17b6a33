'use client';

import { useEffect, useRef } from 'react';
import { replayStartFrom } from './toolsReplayLink';

/**
 * Seeks a replay page once to the moment its link asked for (`?t=<elapsed seconds>`, see `replayHref`), as soon as
 * the replay is known: the stream page's "open in the replay at this moment" lands there. Later changes of the
 * replay (play, pause, the user's own seeks) never trigger it again.
 *
 * @param duration the replay's length in seconds, or null until the replay is known
 * @param seek jumps the replay (the controls' own `seek` control)
 */
export function useReplayStartFromUrl(duration: number | null, seek: (position: number) => void): void {
  const done = useRef(false);
  const seekRef = useRef(seek);
  seekRef.current = seek;
  useEffect(() => {
    if (done.current || duration === null) return;
    done.current = true;
    const at = replayStartFrom(window.location.search);
    if (at !== null && at > 0) seekRef.current(Math.min(at, Math.max(0, Math.floor(duration))));
  }, [duration]);
}

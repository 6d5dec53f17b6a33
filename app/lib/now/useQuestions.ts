'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChatLine } from '../../../contracts/socket-events';
import { readDismissed, writeDismissed } from './dismissedQuestions';
import { QuestionBoard, type QuestionGroup } from './QuestionBoard';

/** A replay clock that goes back this far (a seek, "Play again") starts the questions afresh. */
const REWIND_SECONDS = 5;
/** How often (stream seconds) questions that got too old leave the list. */
const AGE_STEP_SECONDS = 5;

export interface ChannelQuestions {
  /** Groups not hidden, most asked first. */
  groups: QuestionGroup[];
  /** Hidden groups still in the list's time span. */
  hidden: number;
  dismiss(id: string): void;
  /** Shows every hidden question again. */
  restore(): void;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The questions of a channel, read from the lines its page already receives (`useChannelFeed`): each line is read
 * once, as it arrives (the feed keeps only its last lines; the board keeps the questions of the last minutes). Hidden
 * questions are kept per channel in this browser.
 *
 * @param channel the channel's key (its login for live channels: `@login` addresses the streamer).
 * @param lines the feed's lines, oldest first.
 * @param clock the stream clock now.
 */
export function useQuestions(channel: string, lines: readonly ChatLine[], clock: number): ChannelQuestions {
  const boardRef = useRef<QuestionBoard | null>(null);
  const readRef = useRef({ channel: '', seq: 0, elapsed: 0 });
  const [version, setVersion] = useState(0);
  const [dismissed, setDismissed] = useState<string[]>([]);

  useEffect(() => setDismissed(readDismissed(storage(), channel)), [channel]);

  useEffect(() => {
    const read = readRef.current;
    if (!boardRef.current || read.channel !== channel) {
      boardRef.current = new QuestionBoard(channel);
      readRef.current = { channel, seq: 0, elapsed: 0 };
    }
    const board = boardRef.current;
    let changed = false;
    for (const line of lines) {
      const state = readRef.current;
      if (line.seq <= state.seq) continue;
      const m = line.message;
      if (m.elapsed < state.elapsed - REWIND_SECONDS) {
        board.clear();
        changed = true;
      }
      state.seq = line.seq;
      state.elapsed = m.elapsed;
      if (m.deleted || m.flags.bot || m.flags.command) continue;
      if (board.add({ id: m.id, text: m.text, user: m.user.login, elapsed: m.elapsed })) changed = true;
    }
    if (changed) setVersion((v) => v + 1);
  }, [channel, lines]);

  // The list is rebuilt when the board changed (`version`; the board itself is a ref) or every few seconds of
  // stream time (questions age out of it), not on every line.
  const tick = Math.floor(clock / AGE_STEP_SECONDS);
  const all = useMemo(() => boardRef.current?.groups((tick + 1) * AGE_STEP_SECONDS) ?? [], [version, tick]);
  const hiddenSet = useMemo(() => new Set(dismissed), [dismissed]);
  const groups = useMemo(() => all.filter((g) => !hiddenSet.has(g.id)), [all, hiddenSet]);

  const dismiss = useCallback(
    (id: string) => setDismissed((ids) => writeDismissed(storage(), channel, [...ids.filter((x) => x !== id), id])),
    [channel],
  );
  const restore = useCallback(() => setDismissed(writeDismissed(storage(), channel, [])), [channel]);
  return { groups, hidden: all.length - groups.length, dismiss, restore };
}

import type { ChatMessage } from '../../contracts/chat';

/** Why a message stays out of the clustering (it is still counted). */
export interface ExclusionCounts {
  deleted: number;
  bot: number;
  command: number;
  empty: number;
}

/**
 * The messages that topics are made of: not deleted by moderation, not written by a bot, not a `!command`, not
 * empty. Each excluded message is counted once, under the first reason in that order.
 */
export function selectClusterable(messages: readonly ChatMessage[]): {
  kept: ChatMessage[];
  excluded: ExclusionCounts;
} {
  const excluded: ExclusionCounts = { deleted: 0, bot: 0, command: 0, empty: 0 };
  const kept: ChatMessage[] = [];
  for (const m of messages) {
    const reason = exclusionReason(m);
    if (reason === null) kept.push(m);
    else excluded[reason]++;
  }
  return { kept, excluded };
}

/** The reason a message is left out of the clustering, or null when it takes part. */
export function exclusionReason(m: ChatMessage): keyof ExclusionCounts | null {
  if (m.deleted) return 'deleted';
  if (m.flags.bot) return 'bot';
  if (m.flags.command) return 'command';
  if (m.text.trim() === '') return 'empty';
  return null;
}

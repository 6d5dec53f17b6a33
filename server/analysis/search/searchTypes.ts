import type { AnalysisMessage } from '../../../contracts/analysis';

/** One scored item of a ranking (a message index or a topic id). */
export interface Scored {
  id: number;
  score: number;
}

/** What both search modes rank over: the analysis' messages, the indices in the asked time range. */
export interface SearchScope {
  messages: readonly AnalysisMessage[];
  /** Indices into `messages` of those inside `from`..`to`. */
  inRange: readonly number[];
  limit: number;
}

/** Best first; ties by time (the earlier message first), then by index. */
export function rankMessages(scored: Scored[], messages: readonly AnalysisMessage[], limit: number): Scored[] {
  return scored
    .sort((a, b) => b.score - a.score || messages[a.id]!.elapsed - messages[b.id]!.elapsed || a.id - b.id)
    .slice(0, limit);
}

/** Best first; ties by topic id. */
export function rankTopics(scored: Scored[], limit: number): Scored[] {
  return scored.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

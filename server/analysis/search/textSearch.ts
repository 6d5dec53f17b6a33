import { foldTokens } from './foldTokens';
import { rankMessages, rankTopics, type Scored, type SearchScope } from './searchTypes';

/**
 * Full-text search: a message scores the number of distinct query words it contains (case and accents folded,
 * see {@link foldTokens}); a topic scores the share of its messages in range that match at least one.
 *
 * @param folded each message's folded words (as a set), index for index with `scope.messages`
 * @example textSearch('arbitre penalty', scope, folded) // messages with both words first
 */
export function textSearch(
  query: string,
  scope: SearchScope,
  folded: readonly ReadonlySet<string>[],
): { messages: Scored[]; topics: Scored[] } {
  const words = [...new Set(foldTokens(query))];
  const matches: Scored[] = [];
  const perTopic = new Map<number, { total: number; hits: number }>();
  for (const i of scope.inRange) {
    const have = folded[i]!;
    let score = 0;
    for (const w of words) if (have.has(w)) score++;
    const topic = scope.messages[i]!.topic;
    if (topic >= 0) {
      const t = perTopic.get(topic) ?? { total: 0, hits: 0 };
      t.total++;
      if (score > 0) t.hits++;
      perTopic.set(topic, t);
    }
    if (score > 0) matches.push({ id: i, score });
  }
  const topics = [...perTopic].filter(([, t]) => t.hits > 0).map(([id, t]) => ({ id, score: t.hits / t.total }));
  return { messages: rankMessages(matches, scope.messages, scope.limit), topics: rankTopics(topics, scope.limit) };
}

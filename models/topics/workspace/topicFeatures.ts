import {
  endsWith,
  foldMessage,
  hasMention,
  isEmoteToken,
  isGreeting,
  isNotice,
  isVote,
  opensAQuestion,
} from './chatShapes';

/** One message as the message-type rules read it. */
export interface TypedMessage {
  text: string;
  /** Display name or login. */
  user: string;
  /** Emote names the source marked in this message (Twitch's emote ranges), if any. */
  emotes?: readonly string[];
}

/** How chat behaves in one topic: each share is over the topic's messages (tokens for `emoteShare`). */
export interface TopicFeatures {
  messages: number;
  /** Mean whitespace-separated tokens per message, emotes included. */
  meanWords: number;
  /** Share of tokens that are emotes, emoji or smileys. */
  emoteShare: number;
  /** Share of messages with an @mention. */
  mentionShare: number;
  /** Share of messages ending in "?" (trailing emotes aside) or opening with a question word. */
  questionShare: number;
  /** Share of messages ending in "!". */
  exclaimShare: number;
  /** Distinct users / messages. */
  userRatio: number;
  /** Share of messages equal, once folded (case, accents, stretched letters), to another message of the topic. */
  repetition: number;
  greetingShare: number;
  voteShare: number;
  noticeShare: number;
}

/**
 * The features of a topic's messages that the message-type rules read (the reference system's: length, emote share,
 * mentions, "?" or "!", distinct users, repetition; plus greeting, vote and donation shapes).
 *
 * @param messages the topic's messages (at least one)
 * @example topicFeatures([{ text: 'salut', user: 'a' }, { text: 'Saluuut', user: 'b' }]).repetition // 1
 */
export function topicFeatures(messages: readonly TypedMessage[]): TopicFeatures {
  const n = messages.length;
  if (n === 0) throw new RangeError('topicFeatures: a topic has at least one message');
  let words = 0;
  let emoteTokens = 0;
  let mentions = 0;
  let questions = 0;
  let exclaims = 0;
  let greetings = 0;
  let votes = 0;
  let notices = 0;
  const users = new Set<string>();
  const folds = new Map<string, number>();
  for (const m of messages) {
    const tokens = m.text.trim().split(/\s+/).filter(Boolean);
    const named = new Set(m.emotes ?? []);
    const emotes = tokens.map((t) => isEmoteToken(t, named));
    words += tokens.length;
    emoteTokens += emotes.filter(Boolean).length;
    const folded = foldMessage(m.text);
    if (hasMention(m.text)) mentions++;
    if (endsWith(tokens, emotes, '?') || opensAQuestion(folded)) questions++;
    if (endsWith(tokens, emotes, '!')) exclaims++;
    if (isGreeting(folded)) greetings++;
    if (isVote(folded)) votes++;
    if (isNotice(folded)) notices++;
    users.add(m.user);
    folds.set(folded, (folds.get(folded) ?? 0) + 1);
  }
  let repeated = 0;
  for (const c of folds.values()) if (c > 1) repeated += c;
  return {
    messages: n,
    meanWords: words / n,
    emoteShare: words === 0 ? 0 : emoteTokens / words,
    mentionShare: mentions / n,
    questionShare: questions / n,
    exclaimShare: exclaims / n,
    userRatio: users.size / n,
    repetition: repeated / n,
    greetingShare: greetings / n,
    voteShare: votes / n,
    noticeShare: notices / n,
  };
}

import { isQuestion, questionWords, salientWords } from './questions';

/** Asks of one question this far apart (stream seconds) or less join the same group. */
export const QUESTION_GROUP_SECONDS = 300;
/** Two questions are the same when this share of the smaller one's salient words are in the other. */
export const QUESTION_OVERLAP = 0.6;
/** Groups kept at most (the least recently asked go first). */
export const QUESTION_GROUPS_KEPT = 200;

/** A chat message as the board reads it. */
export interface AskedMessage {
  id: string;
  text: string;
  user: string;
  /** Stream clock (seconds). */
  elapsed: number;
}

/** One question, as many times as chat asked it. */
export interface QuestionGroup {
  /** The first ask's message id: stable for the group's life (dismissals are kept by it). */
  id: string;
  /** The first ask, as chat wrote it. */
  text: string;
  /** Asks in all, and by how many people. */
  count: number;
  users: number;
  /** Stream clock of the first and the last ask. */
  firstAt: number;
  lastAt: number;
  /** The other ways chat asked it (a few, newest last). */
  variants: string[];
}

interface GroupState extends QuestionGroup {
  words: Set<string>;
  folded: string;
  userSet: Set<string>;
}

const VARIANTS_KEPT = 3;

function folded(words: readonly string[]): string {
  return [...words].sort().join(' ');
}

/**
 * The questions of one channel, grouped when chat asks the same thing: the same salient words (see `salientWords`)
 * or most of them, within `QUESTION_GROUP_SECONDS` of the group's last ask. Pure state, fed message by message
 * (the page feeds it the lines it receives); no I/O.
 *
 * @example
 * const board = new QuestionBoard('zerator');
 * board.add({ id: 'a', text: 'tu joues à quel jeu après ?', user: 'kev', elapsed: 10 });
 * board.add({ id: 'b', text: 'c quoi le jeu après ??', user: 'lea', elapsed: 40 });
 * board.groups(60)[0].count; // 2
 */
export class QuestionBoard {
  private readonly byId = new Map<string, GroupState>();

  /** @param channel the channel's login: `@channel` addresses the streamer, and its name is no salient word. */
  constructor(private readonly channel: string) {}

  /**
   * Reads one message: a question joins its group (or starts one); anything else is ignored.
   * @returns the group it joined or started, or null when it is no question.
   */
  add(message: AskedMessage): QuestionGroup | null {
    if (!isQuestion(message.text, this.channel)) return null;
    const words = salientWords(message.text, this.channel);
    // A question with no salient word ("tu fais quoi ?") only meets the same words.
    const key = words.length > 0 ? folded(words) : `=${questionWords(message.text).join(' ')}`;
    const group = this.match(words, key, message.elapsed);
    if (group) {
      group.count++;
      group.userSet.add(message.user);
      group.users = group.userSet.size;
      group.lastAt = Math.max(group.lastAt, message.elapsed);
      if (message.text !== group.text && !group.variants.includes(message.text)) {
        group.variants.push(message.text);
        if (group.variants.length > VARIANTS_KEPT) group.variants.shift();
      }
      return group;
    }
    const created: GroupState = {
      id: message.id,
      text: message.text,
      count: 1,
      users: 1,
      firstAt: message.elapsed,
      lastAt: message.elapsed,
      variants: [],
      words: new Set(words),
      folded: key,
      userSet: new Set([message.user]),
    };
    this.byId.set(created.id, created);
    if (this.byId.size > QUESTION_GROUPS_KEPT) this.forgetOldest();
    return created;
  }

  /**
   * The groups asked within `maxAgeSeconds` of `clock`, most asked first, then the most recently asked.
   * @param clock the stream clock now.
   * @param maxAgeSeconds how long after its last ask a group stays listed (default 10 minutes).
   */
  groups(clock: number, maxAgeSeconds = 600): QuestionGroup[] {
    return [...this.byId.values()]
      .filter((g) => clock - g.lastAt <= maxAgeSeconds)
      .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.id.localeCompare(b.id))
      .map(({ id, text, count, users, firstAt, lastAt, variants }) => ({
        id,
        text,
        count,
        users,
        firstAt,
        lastAt,
        variants: [...variants],
      }));
  }

  /** Forgets every group (a replay that jumped back). */
  clear(): void {
    this.byId.clear();
  }

  private match(words: readonly string[], key: string, at: number): GroupState | null {
    let best: GroupState | null = null;
    let bestScore = 0;
    for (const group of this.byId.values()) {
      if (Math.abs(at - group.lastAt) > QUESTION_GROUP_SECONDS) continue;
      let score: number;
      if (key === group.folded) score = 2;
      else {
        const shared = words.filter((w) => group.words.has(w)).length;
        const smaller = Math.min(words.length, group.words.size);
        score = smaller > 0 && shared > 0 ? shared / smaller : 0;
      }
      if (score >= QUESTION_OVERLAP && score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    return best;
  }

  private forgetOldest(): void {
    let oldest: GroupState | null = null;
    for (const g of this.byId.values()) if (!oldest || g.lastAt < oldest.lastAt) oldest = g;
    if (oldest) this.byId.delete(oldest.id);
  }
}

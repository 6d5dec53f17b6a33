import { LOGIN_TAILS, LOGIN_WORDS } from './vocabulary/logins';
import { randomStyle, type WritingStyle } from './noise';
import type { RandomStream } from '../../models/random';

/** A simulated viewer: stable pseudonymous identity, badges, writing style, talk rate, favourite topics. */
export interface SimUser {
  /** Numeric Twitch-like user id. */
  id: string;
  /** `viewer_...`, lowercase. */
  login: string;
  /** The login with the viewer's chosen capitalisation. */
  displayName: string;
  badges: Readonly<Record<string, string>>;
  style: WritingStyle;
  /** Relative talk rate (log-normal: a few viewers write most messages). */
  talk: number;
  /** Indices of topics this viewer talks about more than others. */
  favourites: readonly number[];
}

/** How much more often a viewer writes about a favourite topic. */
const FAVOURITE_BOOST = 4;
const SUB_MONTHS = ['0', '3', '6', '9', '12', '18', '24', '36', '48'];

/** Pool size that suits an average message rate (more chatters in busier chats). */
export function poolSizeForRate(ratePerSecond: number): number {
  return Math.min(20_000, Math.round(120 + 150 * ratePerSecond));
}

/** The viewers of one simulated stream, with per-topic sampling tables built on first use. */
export class UserPool {
  readonly users: readonly SimUser[];
  private readonly tables: (Float64Array | undefined)[];

  /**
   * @param rng generator dedicated to the pool (the pool does not depend on anything else)
   * @param size number of viewers
   * @param topicCount number of topics viewers can favour (indices 0..topicCount-1)
   */
  constructor(rng: RandomStream, size: number, topicCount: number) {
    const logins = new Set<string>();
    const ids = new Set<string>();
    const users: SimUser[] = [];
    for (let i = 0; i < size; i++) {
      let login = makeLogin(rng);
      while (logins.has(login)) login += String(rng.int(0, 9));
      logins.add(login);
      let id = String(rng.int(10_000_000, 999_999_999));
      while (ids.has(id)) id = String(rng.int(10_000_000, 999_999_999));
      ids.add(id);
      const favourites: number[] = [];
      const nFav = rng.int(1, 3);
      for (let k = 0; k < nFav; k++) favourites.push(rng.int(0, topicCount - 1));
      users.push({
        id,
        login,
        displayName: displayNameOf(login, rng),
        badges: makeBadges(rng),
        style: randomStyle(rng),
        talk: Math.exp(rng.normal(0, 1.1)),
        favourites,
      });
    }
    this.users = users;
    this.tables = new Array(topicCount).fill(undefined);
  }

  /** Draws the author of a message on `topic`: proportional to talk rate, favourites boosted. */
  pick(topic: number, rng: RandomStream): SimUser {
    let table = this.tables[topic];
    if (table === undefined) {
      table = new Float64Array(this.users.length);
      let sum = 0;
      for (let i = 0; i < this.users.length; i++) {
        const u = this.users[i]!;
        sum += u.favourites.includes(topic) ? u.talk * FAVOURITE_BOOST : u.talk;
        table[i] = sum;
      }
      this.tables[topic] = table;
    }
    return this.users[rng.cumulativeIndex(table)]!;
  }
}

function makeLogin(rng: RandomStream): string {
  const word = rng.pick(LOGIN_WORDS);
  const tail = rng.chance(0.3) ? rng.pick(LOGIN_TAILS) : '';
  const shape = rng.next();
  const number =
    shape < 0.45
      ? String(rng.int(1, 99))
      : shape < 0.65
        ? String(rng.int(1990, 2012))
        : shape < 0.75
          ? String(rng.int(100, 9999))
          : '';
  const second = shape >= 0.9 ? `_${rng.pick(LOGIN_WORDS)}` : '';
  return `viewer_${word}${second}${tail}${number}`;
}

function displayNameOf(login: string, rng: RandomStream): string {
  const r = rng.next();
  if (r < 0.5) return login;
  if (r < 0.85) return login.replace(/(^|_)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
  return login.toUpperCase();
}

function makeBadges(rng: RandomStream): Record<string, string> {
  const badges: Record<string, string> = {};
  const role = rng.next();
  if (role < 0.03) badges.moderator = '1';
  else if (role < 0.06) badges.vip = '1';
  if (rng.chance(0.4)) badges.subscriber = rng.pick(SUB_MONTHS);
  if (rng.chance(0.05)) badges['sub-gifter'] = rng.pick(['1', '5', '10', '25']);
  if (!badges.subscriber && rng.chance(0.08)) badges.premium = '1';
  return badges;
}

import { fnv1a32 } from '../../models/random';

/**
 * Emote vocabulary of the simulated chat: Twitch-style emotes (global and third-party names as French chats use
 * them) grouped by mood, plus emoji with the same moods. Emotes get `EmoteRange`s; emoji are plain text, as on Twitch.
 */

/** Mood groups usable in templates as `{@group}`. */
export type EmoteGroupName =
  'laugh' | 'hype' | 'sad' | 'fear' | 'love' | 'troll' | 'hi' | 'bye' | 'music' | 'clap' | 'sleep' | 'any';

/** Twitch-style emote names per mood. */
const TWITCH: Record<Exclude<EmoteGroupName, 'any'>, readonly string[]> = {
  laugh: ['KEKW', 'LUL', 'OMEGALUL', 'pepeLaugh', '4Head', 'LULW'],
  hype: ['PogChamp', 'Pog', 'POGGERS', 'PogU', 'HYPERS'],
  sad: ['Sadge', 'PepeHands', 'BibleThump', 'FeelsBadMan'],
  fear: ['monkaS', 'monkaW', 'NotLikeThis', 'monkaGIGA'],
  love: ['<3', 'widepeepoHappy', 'FeelsGoodMan', 'peepoLove'],
  troll: ['Kappa', 'Jebaited', 'KappaPride', '5Head'],
  hi: ['VoHiYo', 'HeyGuys', 'peepoHey'],
  bye: ['peepoLeave', 'HeyGuys', 'peepoSleep'],
  music: ['catJAM', 'ratJAM', 'pepeJAM', 'VIBE'],
  clap: ['Clap', 'EZ', 'SeemsGood'],
  sleep: ['ResidentSleeper', 'peepoSleep'],
};

/** Emoji per mood (not emotes: no `EmoteRange`). Some are several code points long on purpose. */
const EMOJI: Record<Exclude<EmoteGroupName, 'any'>, readonly string[]> = {
  laugh: ['😂', '🤣', '💀', '😭'],
  hype: ['🔥', '😱', '🤯', '🙌'],
  sad: ['😢', '💔', '🥲'],
  fear: ['😰', '😬', '🙏'],
  love: ['❤️', '🥰', '💜', '😍'],
  troll: ['🤡', '😏', '🙃'],
  hi: ['👋', '🙋‍♂️', '😀'],
  bye: ['👋', '😴', '🌙'],
  music: ['🎶', '🎵', '🕺', '💃'],
  clap: ['👏', '💪', '🐐'],
  sleep: ['😴', '💤'],
};

/** Channel emote suffix per mood (`<prefix>Hype`, like subscriber emotes of a real channel). */
const CHANNEL_SUFFIX: Partial<Record<Exclude<EmoteGroupName, 'any'>, string>> = {
  laugh: 'Lol',
  hype: 'Hype',
  sad: 'Rip',
  love: 'Love',
  hi: 'Hi',
  clap: 'Gg',
};

/** Every emote name of one simulated channel with its stable fake id. */
export interface EmoteCatalog {
  /** Emote name -> id. Only emotes, no emoji. */
  ids: ReadonlyMap<string, string>;
  /** Per group: emote names then emoji, and how many of the entries are emotes. */
  groups: ReadonlyMap<string, { emotes: readonly string[]; emoji: readonly string[] }>;
  /** The channel's own emote prefix (e.g. `demo`). */
  prefix: string;
}

/** A stable fake emote id derived from its name (the same name always gets the same id). */
export function fakeEmoteId(name: string): string {
  return `sim${fnv1a32(name).toString(16).padStart(8, '0')}`;
}

/** The channel emote prefix: the channel's first letters (3 to 6), `sim` when it has none. */
export function channelEmotePrefix(channel: string): string {
  const letters = channel.toLowerCase().replace(/[^a-z]/g, '');
  return letters.length >= 3 ? letters.slice(0, 6) : `${letters}sim`.slice(0, 6);
}

/** Builds the emote catalog of a channel (global emotes plus the channel's own). */
export function createEmoteCatalog(channel: string): EmoteCatalog {
  const prefix = channelEmotePrefix(channel);
  const ids = new Map<string, string>();
  const groups = new Map<string, { emotes: string[]; emoji: string[] }>();
  const allEmotes: string[] = [];
  const allEmoji: string[] = [];
  for (const name of Object.keys(TWITCH) as (keyof typeof TWITCH)[]) {
    const emotes = [...TWITCH[name]];
    const suffix = CHANNEL_SUFFIX[name];
    if (suffix) emotes.push(prefix + suffix);
    for (const e of emotes) {
      if (!ids.has(e)) {
        ids.set(e, fakeEmoteId(e));
        allEmotes.push(e);
      }
    }
    groups.set(name, { emotes, emoji: [...EMOJI[name]] });
    for (const e of EMOJI[name]) if (!allEmoji.includes(e)) allEmoji.push(e);
  }
  groups.set('any', { emotes: allEmotes, emoji: allEmoji });
  return { ids, groups, prefix };
}

/** Names of the mood groups. */
export const EMOTE_GROUP_NAMES: readonly EmoteGroupName[] = [...(Object.keys(TWITCH) as EmoteGroupName[]), 'any'];

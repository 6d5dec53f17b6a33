import { CHATTER } from './vocabulary/chatter';
import { VIEWER_COMMANDS } from './vocabulary/commands';
import { COMMON_SLOTS } from './vocabulary/common';
import { GAMEPLAY } from './vocabulary/gameplay';
import { JOKES } from './vocabulary/jokes';
import { OFFTOPIC } from './vocabulary/offtopic';
import { QUESTIONS } from './vocabulary/questions';
import { SOCIAL } from './vocabulary/social';
import type { TopicText, Vocabulary } from './vocabulary/types';

/**
 * The planted topics of the simulated chat and their background weights. The ground truth written to
 * `ChatMessage.topic` is one of these ids (or a bot topic, see `BOT_TOPIC_IDS`).
 */
export interface TopicDef extends TopicText {
  /** Weight in the background mix, i.e. when no episode of the stream schedule is active. */
  base: number;
}

const VOCABULARIES: readonly Vocabulary[] = [SOCIAL, QUESTIONS, GAMEPLAY, JOKES, OFFTOPIC, CHATTER];

/** Background weights (relative). Episodes of the schedule add to them. */
const BASE_WEIGHTS: Readonly<Record<string, number>> = {
  greetings: 4,
  goodbyes: 1.2,
  'subs-thanks': 2.5,
  'q-setup': 2,
  'q-game': 2.5,
  'q-schedule': 1.8,
  'q-music': 1.5,
  'boss-fight': 0.8,
  death: 0.8,
  clutch: 0.6,
  fail: 1.2,
  'joke-chaise': 0.8,
  'joke-pompes': 0.6,
  'copypasta-1': 0.2,
  'copypasta-2': 0.2,
  'copypasta-3': 0.2,
  'copypasta-4': 0.2,
  'spam-plus1': 0.4,
  'spam-catjam': 0.4,
  'offtopic-food': 2,
  'offtopic-football': 1.6,
  'offtopic-weather': 1.2,
  'offtopic-school': 1.6,
  commands: 2.2,
  noise: 11,
};

/** Viewer commands as a topic: one template per command, repeated by frequency. */
const COMMANDS_TOPIC: TopicText = {
  id: 'commands',
  templates: VIEWER_COMMANDS.flatMap(([command, weight]) => new Array<string>(weight).fill(command)),
};

/** Topics that viewers write, in a fixed order (the index is used internally). */
export const TOPICS: readonly TopicDef[] = [...VOCABULARIES.flatMap((v) => v.topics), COMMANDS_TOPIC].map((t) => {
  const base = BASE_WEIGHTS[t.id];
  if (base === undefined) throw new Error(`simulator topics: no base weight for "${t.id}"`);
  return { ...t, base };
});

/** Topics written by bots (answers to commands, timed announcements). */
export const BOT_TOPIC_IDS = ['bot-replies', 'bot-timers'] as const;

/** Every topic id the simulator can emit. */
export const TOPIC_IDS: readonly string[] = [...TOPICS.map((t) => t.id), ...BOT_TOPIC_IDS];

/** Index of a viewer topic in `TOPICS`. @throws Error for an unknown id. */
export function topicIndex(id: string): number {
  const i = TOPICS.findIndex((t) => t.id === id);
  if (i < 0) throw new Error(`simulator topics: unknown topic "${id}"`);
  return i;
}

/** All slots of all vocabularies. @throws Error when two vocabularies define the same slot. */
export function allSlots(): Record<string, readonly string[]> {
  const slots: Record<string, readonly string[]> = { ...COMMON_SLOTS };
  for (const v of VOCABULARIES) {
    for (const [name, alts] of Object.entries(v.slots)) {
      if (name in slots) throw new Error(`simulator vocabulary: slot "${name}" defined twice`);
      slots[name] = alts;
    }
  }
  return slots;
}

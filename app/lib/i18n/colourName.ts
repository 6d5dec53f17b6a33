import { fr, type MessageKey } from './fr';
import type { Translator } from './translate';

/**
 * A palette colour's name (`TOPIC_PALETTE`'s English names are the keys: `colour.sky blue`) in the reader's
 * language; a name the dictionary lacks is shown as it is (the dictionary test checks every palette colour has one).
 */
export function colourName(i18n: Pick<Translator, 't'>, name: string): string {
  const key = `colour.${name}`;
  return isMessageKey(key) ? i18n.t(key) : name;
}

/** Whether `key` names a message (the French dictionary is the source of keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

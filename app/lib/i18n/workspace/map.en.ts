import type { Message } from '../messages';
import type { mapFr } from './map.fr';

/** English messages of the stream page's map views: exactly the French keys. */
export const mapEn: Readonly<Record<keyof typeof mapFr, Message>> = {};

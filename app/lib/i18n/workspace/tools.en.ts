import type { Message } from '../messages';
import type { toolsFr } from './tools.fr';

/** English messages of the stream page's tools views: exactly the French keys. */
export const toolsEn: Readonly<Record<keyof typeof toolsFr, Message>> = {};

import type { Message } from '../messages';

/** French messages of the stream page's map views (merged into `fr`; keys start with `ws.map.` or `ws.`). */
export const mapFr = {} satisfies Record<string, Message>;

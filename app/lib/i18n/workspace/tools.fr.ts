import type { Message } from '../messages';

/** French messages of the stream page's tools views (merged into `fr`; keys start with `ws.tools.` or `ws.`). */
export const toolsFr = {} satisfies Record<string, Message>;

import type { ServerMessage } from '../../contracts/errorCodes';
import type { AckMessage } from '../../contracts/socket-events';

/**
 * A refusal as the arguments of a socket.io ack: `{ ok: false, error }` first, exactly what clients read before codes
 * existed, then its code and params when it has them (`AckResult` in `contracts/socket-events.ts`).
 *
 * @example refusalArgs({ error: 'no replay "r"', code: 'replay.unknown', params: { key: 'r' } })
 * // [{ ok: false, error: 'no replay "r"' }, { code: 'replay.unknown', params: { key: 'r' } }]
 */
export function refusalArgs(said: ServerMessage): [{ ok: false; error: string }, AckMessage?] {
  const { error, code, params } = said;
  if (code === undefined) return [{ ok: false, error }];
  return [
    { ok: false, error },
    { code, ...(params === undefined ? {} : { params }) },
  ];
}

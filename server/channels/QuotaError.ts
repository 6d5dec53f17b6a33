import { envName } from '../config/loadConfig';
import type { ErrorCode, ErrorParams } from '../../contracts/errorCodes';
import { RequestError, type ErrorKind } from '../errors';

/**
 * A request refused because a limit is reached (open channels, open replays, socket events per second). The message
 * names the limit and the setting that raises it, so an operator who hits it knows what to change.
 */
export class QuotaError extends RequestError {
  static override readonly kind: ErrorKind = 'overloaded';
  /** The configuration key that sets this limit (e.g. `maxReplays`). */
  readonly setting: string;

  /**
   * @param what what was refused and why, e.g. `too many open replays (4, the limit): close one`
   * @param setting the configuration key that raises the limit
   * @param coded the code of `what` for the dashboard and its params (`setting` and `env` are added)
   */
  constructor(what: string, setting: string, coded?: { code: ErrorCode; params?: ErrorParams }) {
    super(`${what}; the limit is the setting ${setting} (environment variable ${envName(setting)})`, {
      ...(coded && { code: coded.code, params: { ...coded.params, setting, env: envName(setting) } }),
    });
    this.setting = setting;
  }
}

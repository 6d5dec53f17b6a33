import type { MessageFlags } from '../../contracts/chat';

/**
 * Derives the flags every source must set the same way (live, import, simulator).
 * @param text message text (without the `/me` ACTION wrapper)
 * @param login author's login
 * @param bots lowercase bot logins (config `botNames`)
 * @param extra what only the source knows: `/me` and bits
 * @example deriveFlags('!uptime', 'viewer', new Set(['nightbot'])) // command: true
 */
export function deriveFlags(
  text: string,
  login: string,
  bots: ReadonlySet<string>,
  extra: { action?: boolean; bits?: number } = {},
): MessageFlags {
  return {
    action: extra.action ?? false,
    cheer: (extra.bits ?? 0) > 0,
    command: /^\s*![\p{L}\p{N}_]/u.test(text),
    bot: bots.has(login.toLowerCase()),
  };
}

import { BOT_REPLIES, BOT_TIMERS } from './vocabulary/commands';
import { fnv1a32, type RandomStream } from '../../models/random';

/** The channel's chat bots as simulated: who answers commands and posts timers. */
export interface SimBot {
  id: string;
  login: string;
  displayName: string;
}

const KNOWN_DISPLAY: Readonly<Record<string, string>> = {
  nightbot: 'Nightbot',
  streamelements: 'StreamElements',
  moobot: 'Moobot',
  fossabot: 'Fossabot',
  wizebot: 'WizeBot',
  streamlabs: 'Streamlabs',
};

/** The bots that post: the first two of the configured bot logins. */
export function simulatedBots(botNames: readonly string[]): SimBot[] {
  return botNames.slice(0, 2).map((name) => {
    const login = name.toLowerCase();
    return {
      id: String(10_000_000 + (fnv1a32(login) % 890_000_000)),
      login,
      displayName: KNOWN_DISPLAY[login] ?? login.charAt(0).toUpperCase() + login.slice(1),
    };
  });
}

/** What the bot texts can mention. */
export interface BotContext {
  login: string;
  channel: string;
  channelDisplay: string;
  discord: string;
  /** Seconds since the stream started. */
  elapsed: number;
}

function formatUptime(elapsed: number): string {
  const minutes = Math.floor(elapsed / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${m}min` : `${m} minutes`;
}

function fill(template: string, ctx: BotContext, rng: RandomStream): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'login':
        return ctx.login;
      case 'channel':
        return ctx.channel;
      case 'Channel':
        return ctx.channelDisplay;
      case 'discord':
        return ctx.discord;
      case 'uptime':
        return formatUptime(ctx.elapsed);
      case 'followage': {
        const months = rng.int(1, 60);
        return months >= 12 ? `${Math.floor(months / 12)} ans ${months % 12} mois` : `${months} mois`;
      }
      default:
        throw new Error(`simulator bots: unknown placeholder {${key}}`);
    }
  });
}

/** Whether the bots answer this command. */
export function hasBotReply(command: string): boolean {
  return Object.hasOwn(BOT_REPLIES, command);
}

/** The bot answer to a viewer command, or null when bots ignore it. */
export function botReply(command: string, ctx: BotContext, rng: RandomStream): string | null {
  const replies = BOT_REPLIES[command];
  return replies ? fill(rng.pick(replies), ctx, rng) : null;
}

/** A timed announcement. */
export function botTimer(ctx: BotContext, rng: RandomStream): string {
  return fill(rng.pick(BOT_TIMERS), ctx, rng);
}

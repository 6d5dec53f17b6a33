/**
 * Chat commands typed by viewers and what the channel's bots answer. Bot texts use `{name}` placeholders filled
 * by `bots.ts`: login, Channel (display name), channel, uptime, discord, followage.
 */

/** Commands viewers type, with relative frequencies. */
export const VIEWER_COMMANDS: readonly (readonly [command: string, weight: number])[] = [
  ['!uptime', 6],
  ['!discord', 5],
  ['!planning', 3],
  ['!setup', 2],
  ['!followage', 2],
  ['!lurk', 2],
  ['!socials', 1],
  ['!clip', 1],
  ['!commands', 1],
  ['!prime', 1],
  ['!youtube', 1],
  ['!playlist', 1],
];

/** Bot answers per command (a command without an entry gets no answer). */
export const BOT_REPLIES: Readonly<Record<string, readonly string[]>> = {
  '!uptime': [
    '@{login} le stream est en ligne depuis {uptime}',
    '{Channel} est en live depuis {uptime}',
    '@{login} en live depuis {uptime}',
  ],
  '!discord': [
    'Rejoins le discord de la commu : discord.gg/{discord}',
    "@{login} le discord c'est par ici : discord.gg/{discord}",
  ],
  '!planning': [
    'Le planning de la semaine : lundi, mercredi et vendredi à 20h, le dimanche à 14h',
    '@{login} planning : lun/mer/ven 20h et dim 14h',
  ],
  '!setup': [
    'Tout le setup de {Channel} est sur le panneau sous le stream',
    '@{login} la config complète est dans la description',
  ],
  '!followage': ['@{login} suit {channel} depuis {followage}', '@{login} follow depuis {followage}'],
  '!lurk': ['@{login} passe en mode lurk, merci pour le soutien <3', "{login} se cache dans l'ombre, bon lurk <3"],
  '!socials': ['Retrouve {Channel} partout : youtube, tiktok, insta et twitter @{channel}'],
  '!commands': ['Commandes : !discord !planning !setup !uptime !followage !socials !playlist'],
  '!prime': ['Avec Amazon Prime tu as un abonnement gratuit chaque mois, pense à le mettre sur la chaîne <3'],
  '!youtube': ['Les best-of sont sur youtube.com/@{channel}'],
  '!playlist': ['La playlist du live est sur spotify, cherche {Channel} stream'],
};

/** Messages the bots post on a timer. */
export const BOT_TIMERS: readonly string[] = [
  "N'oubliez pas de follow la chaîne pour être prévenus des lives <3",
  'Rejoignez le discord de la commu : discord.gg/{discord}',
  'Le planning de la semaine est disponible avec !planning',
  'Abonnez-vous gratuitement avec Prime Gaming, tapez !prime pour savoir comment',
  'Les best-of du live sont sur youtube.com/@{channel}, allez jeter un œil',
  'Soyez bienveillants dans le chat, les modos veillent SeemsGood',
];

/**
 * Frequent global emotes of Twitch and of the BTTV, FFZ and 7TV extensions, as French chats type them. A chat
 * file rarely says which words are emotes (only live Twitch messages carry emote ranges, and never for the
 * extensions' emotes), so these names are recognised without being told. Case matters: "Kappa" is an emote,
 * "kappa" a word. Plain capitalised words are left out, so "Bonjour" can never be mistaken for an emote.
 */
export const BUILT_IN_EMOTES: readonly string[] = [
  // Twitch globals
  'Kappa',
  'KappaPride',
  'Keepo',
  'PogChamp',
  'LUL',
  'BibleThump',
  'NotLikeThis',
  'Jebaited',
  'Kreygasm',
  'ResidentSleeper',
  'SeemsGood',
  'VoHiYo',
  'HeyGuys',
  'CoolStoryBob',
  'DansGame',
  'SwiftRage',
  'WutFace',
  'BabyRage',
  'TwitchUnity',
  'cmonBruh',
  'TriHard',
  '4Head',
  'FailFish',
  'SMOrc',
  'PJSalt',
  'MrDestructoid',
  'HotPokket',
  'BloodTrail',
  'TheIlluminati',
  'CoolCat',
  'GivePLZ',
  'TakeNRG',
  'StinkyCheese',
  'PopCorn',
  // BTTV / FFZ / 7TV
  'KEKW',
  'KEKL',
  'OMEGALUL',
  'LULW',
  'PepeLaugh',
  'pepeLaugh',
  'Pog',
  'PogU',
  'POGGERS',
  'PauseChamp',
  'HYPERS',
  'Sadge',
  'PepeHands',
  'FeelsBadMan',
  'FeelsGoodMan',
  'FeelsStrongMan',
  'FeelsOkayMan',
  'FeelsWeirdMan',
  'monkaS',
  'monkaW',
  'monkaGIGA',
  'monkaHmm',
  'catJAM',
  'ratJAM',
  'pepeJAM',
  'pepeD',
  'VIBE',
  'widepeepoHappy',
  'peepoHappy',
  'peepoSad',
  'peepoLove',
  'peepoHey',
  'peepoLeave',
  'peepoSleep',
  'peepoClap',
  'Clap',
  'EZ',
  '5Head',
  'WeirdChamp',
  'Pepega',
  'PepoThink',
  'haHAA',
  'ICANT',
  'Copium',
  'Aware',
  'Clueless',
  'modCheck',
  'GIGACHAD',
  'BatChest',
  'Kapp',
];

/**
 * A channel or extension emote by its shape: a lowercase prefix of 3+ letters or digits, then a capital
 * ("catJAM", "pepeD", "monkaS", "onibbSK", "xqcL", "jeanma2Lol"; Twitch channel prefixes are 3 to 10 characters).
 * Plain words never look like this: a capitalised word ("Bonjour"), shouting ("MDR") and PascalCase names
 * ("YouTube", which could as well be a name as an emote) all start with a capital.
 */
const EMOTE_SHAPE = /^[a-z][a-z0-9]{2,}[A-Z][A-Za-z0-9]*$/;

/** Whether a token is shaped like a camel-case emote (see EMOTE_SHAPE); known names are checked elsewhere. */
export function looksLikeEmote(token: string): boolean {
  return EMOTE_SHAPE.test(token);
}

/** An emote name that can be a term: letters, digits and underscores (smileys such as "<3" or ":)" are not). */
export function isWordLikeEmoteName(name: string): boolean {
  return /^[\p{L}\p{N}_]+$/u.test(name) && /\p{L}/u.test(name);
}

/**
 * Word parts of simulated viewer logins (`viewer_` + word + number). Plain ASCII, lowercase: Twitch logins are
 * `[a-z0-9_]`. Deliberately pseudonymous: no real names.
 */
export const LOGIN_WORDS: readonly string[] = [
  'renard', 'loutre', 'baguette', 'pixel', 'nuage', 'tortue', 'croissant', 'panda', 'tigre', 'lune', 'comete', 'fromage',
  'ninja', 'kiwi', 'mangue', 'flocon', 'orage', 'corbeau', 'biscuit', 'castor', 'hibou', 'cactus', 'pingouin', 'poulpe',
  'meduse', 'dragon', 'chouette', 'zebre', 'lama', 'koala', 'raton', 'phoque', 'gecko', 'bison', 'faucon', 'marmotte',
  'herisson', 'ecureuil', 'chaton', 'sardine', 'crevette', 'brioche', 'galette', 'nougat', 'praline', 'caramel', 'truffe',
  'radis', 'navet', 'poireau', 'citron', 'olive', 'cerise', 'myrtille', 'noisette', 'pistache', 'vanille', 'cannelle',
  'tonnerre', 'eclair', 'volcan', 'glacier', 'galaxie', 'nebuleuse', 'asteroide', 'satellite', 'fusee', 'robot', 'cyborg',
  'sorcier', 'chevalier', 'pirate', 'viking', 'samourai', 'golem', 'troll', 'lutin', 'gnome', 'fantome', 'vampire',
];

/** Suffix styles appended to the word. */
export const LOGIN_TAILS: readonly string[] = ['', '_', 'x', 'tv', 'off', 'gaming', 'lol', '_fr', 'du', 'le', 'zz'];

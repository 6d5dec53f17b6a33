/**
 * Chat filler that carries no topic, accent-folded and lowercase: laughter, interjections, intensifiers, yes/no,
 * "you know"-words and forms of address. They occur in every topic, so they would only push real terms down.
 * Written for this project.
 *
 * Kept on purpose (NOT in this list): words that mark a chat event and so name a topic — "gg" (a win), "rip" and
 * "f" (a death), "ez", "wp", "pog", "hype", "clutch", "go"/"allez" (cheering), "merci" (subs, raids), greetings
 * ("salut", "bonjour", "coucou") and goodbyes ("bonne nuit").
 */
export const CHAT_FILLER_WORDS: readonly string[] = [
  // laughter (stretched and repeated forms are caught by a pattern in the tokenizer)
  'mdr', 'mdrr', 'ptdr', 'ptdrr', 'xptdr', 'xd', 'xdd', 'lol', 'lool', 'lmao', 'lmfao', 'rofl', 'jpp', 'lul', 'kek',
  'lel',
  // interjections
  'ha', 'ah', 'ahh', 'oh', 'ohh', 'hein', 'bah', 'ben', 'beh', 'bon', 'euh', 'euhh', 'heu', 'hum', 'hmm', 'hm', 'mh', 'mmh',
  'bof', 'mouais', 'pfff', 'pff', 'pf', 'tss', 'oups', 'oula', 'oulala', 'olala', 'wow', 'waw', 'omg', 'wtf', 'ptn',
  'putain', 'puree', 'wsh', 'wesh', 'sah', 'bordel',
  // intensifiers and hedges
  'trop', 'tro', 'grave', 'carrement', 'ouf', 'genre', 'bref', 'enfait', 'enfaite', 'enft', 'vrai', 'vrmt', 'vrm',
  'franchement', 'serieux', 'serieusement', 'srx', 'jure', 'askip', 'oklm', 'truc', 'chose',
  // yes / no / ok
  'oe', 'ouais', 'ouai', 'ouaip', 'ouep', 'we', 'ui', 'wi', 'nan', 'nn', 'nope', 'yes', 'yep', 'yup', 'yeah', 'ok',
  'okok', 'okay', 'oki', 'okey', 'kk', 'exact', 'exactement', "d'accord", 'dac', 'dacc', 'avoue', "n'importe",
  // "I don't know", "don't worry", please
  'jsp', 'jsais', 'chais', 'tkt', 'tqt', 'inquiete', 'stp', 'svp', 'plait', 'pls', 'plz', 'please',
  // forms of address
  'frr', 'frero', 'frerot', 'bro', 'poto', 'reuf', 'gars', 'mec', 'sava', 'cv',
];

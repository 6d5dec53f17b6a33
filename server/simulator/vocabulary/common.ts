/**
 * Shared slots: the fillers, interjections and slang that appear in every kind of French chat message.
 * A slot is a list of alternatives; each alternative is itself a template (see `grammar.ts`).
 */
export const COMMON_SLOTS: Record<string, readonly string[]> = {
  mdr: ['mdr', 'mdr', 'mdrr', 'mdrrr', 'ptdr', 'ptdrrr', 'xD', 'lol', 'jpp', 'ahah', 'ahahah', 'hahaha', 'jsuis mort', 'ptdrr'],
  frr: ['frr', 'frérot', 'frero', 'wsh', 'mec', 'le sang', 'bro', 'gros', 'poto', 'mon reuf', 'chat', 'les gars'],
  ptn: ['ptn', 'putain', 'purée', 'wesh', 'oh la la', 'olala', 'bordel', 'mon dieu', 'omg', 'wtf', 'sah', 'la vache'],
  trop: ['trop', 'grave', 'tellement', 'vraiment', 'trop trop', 'de ouf', 'carrément'],
  oui: ['oui', 'ouii', 'ouais', 'ouep', 'yes', 'carrément', 'grave', 'exact'],
  non: ['non', 'nan', 'nope', 'noooon', 'naaan', 'nan nan'],
  jsp: ['jsp', 'je sais pas', "j'sais pas", 'chais pas', 'aucune idée', 'jsp frr'],
  stp: ['stp', "s'il te plaît", "s'il te plait", 'svp', 'please', 'pls', 'stp stp'],
  pk: ['pk', 'pq', 'pourquoi', 'pourquoiii'],
  tkt: ['tkt', "t'inquiète", "t'inquiete", 'tkt pas', 'tkt frr'],
  cv: ['ça va', 'ca va', 'cv', 'sava', 'la forme', 'bien ou quoi', 'tranquille'],
  cquoi: ["c'est quoi", 'c quoi', 'cest quoi', "c'est koi", 'ça serait quoi'],
  enfait: ['en fait', 'enft', 'genre', 'en vrai', 'bref', 'franchement'],
  ouf: ['de ouf', 'de fou', 'incroyable', 'énorme', 'chaud', 'dingue'],
  tlm: ['tout le monde', 'tlm', 'la team', 'la commu', 'les loulous', 'les potes', 'le chat', 'la mif', 'la street', 'les bg'],
};

/**
 * French function words, accent-folded and lowercase (the tokenizer folds words before looking them up):
 * articles, pronouns, prepositions, conjunctions, the forms of être/avoir/faire/aller/pouvoir/vouloir/devoir that
 * carry no topic, frequent adverbs, and the apostrophe-less spellings chat uses for them ("jai", "cest", "ya").
 * Written for this project; elided particles (l', d', j'...) are dropped by the tokenizer before this list is read.
 */
export const FRENCH_STOP_WORDS: readonly string[] = [
  // articles, determiners
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'au', 'aux', 'ce', 'cet', 'cette', 'ces',
  'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa', 'ses', 'notre', 'nos', 'votre', 'vos', 'leur', 'leurs',
  'quel', 'quelle', 'quels', 'quelles', 'chaque', 'quelque', 'quelques', 'plusieurs', 'certain', 'certaine',
  'certains', 'certaines', 'aucun', 'aucune', 'autre', 'autres', 'tel', 'telle', 'tels', 'telles', 'meme', 'memes',
  'tout', 'toute', 'tous', 'toutes',
  // pronouns
  'je', 'me', 'moi', 'tu', 'te', 'toi', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'lui', 'eux', 'se', 'soi',
  'en', 'ca', 'cela', 'ceci', 'celui', 'celle', 'ceux', 'celles', 'qui', 'que', 'quoi', 'dont', 'ou', 'lequel',
  'laquelle', 'lesquels', 'lesquelles', 'auquel', 'duquel', 'chacun', 'chacune', 'rien', 'personne', 'quelqu\'un',
  'quelqu\'une', 'mien', 'tien', 'sien',
  // prepositions
  'dans', 'par', 'pour', 'sur', 'sous', 'avec', 'sans', 'chez', 'vers', 'entre', 'depuis', 'pendant', 'avant',
  'apres', 'contre', 'selon', 'parmi', 'jusque', 'malgre', 'envers', 'hors', 'via', 'derriere', 'devant',
  // conjunctions
  'et', 'mais', 'donc', 'or', 'ni', 'car', 'si', 'comme', 'quand', 'lorsque', 'puisque', 'parce', 'quoique',
  'tandis', 'sinon',
  // negation and frequent adverbs
  'ne', 'pas', 'plus', 'moins', 'tres', 'peu', 'assez', 'aussi', 'encore', 'deja', 'toujours', 'jamais', 'souvent',
  'ici', 'alors', 'ainsi', 'puis', 'ensuite', 'enfin', 'bien', 'tant', 'autant', 'beaucoup', 'comment', 'pourquoi',
  'combien', 'juste', 'etc', 'plutot', 'surtout', 'presque', 'voici', 'voila', 'oui', 'non', 'peut', 'etre', 'tellement',
  'vraiment', 'maintenant', 'dessus', 'dessous', 'dedans', 'dehors', 'pareil',
  // etre
  'suis', 'es', 'est', 'sommes', 'etes', 'sont', 'etais', 'etait', 'etions', 'etiez', 'etaient', 'ete', 'etant',
  'serai', 'seras', 'sera', 'serons', 'serez', 'seront', 'serais', 'serait', 'serions', 'seriez', 'seraient',
  'sois', 'soit', 'soyons', 'soyez', 'soient', 'fut', 'fus',
  // avoir
  'avoir', 'ai', 'as', 'avons', 'avez', 'ont', 'avais', 'avait', 'avions', 'aviez', 'avaient', 'eu', 'ayant',
  'aurai', 'auras', 'aura', 'aurons', 'aurez', 'auront', 'aurais', 'aurait', 'aurions', 'auriez', 'auraient',
  'aie', 'aies', 'ait', 'ayons', 'ayez', 'aient',
  // faire, aller, pouvoir, vouloir, devoir, falloir, dire, savoir, voir (auxiliary-like in chat)
  'faire', 'fais', 'fait', 'faisons', 'faites', 'font', 'faisait', 'ferai', 'fera',
  'aller', 'vais', 'vas', 'va', 'vont', 'allait',
  'pouvoir', 'peux', 'pouvons', 'pouvez', 'peuvent', 'pourrait', 'pourrais', 'pu',
  'vouloir', 'veux', 'veut', 'voulons', 'voulez', 'veulent', 'voudrais', 'voulait',
  'devoir', 'dois', 'doit', 'devons', 'devez', 'doivent', 'devrait',
  'faut', 'fallait', 'faudrait', 'dire', 'dis', 'dit', 'disait', 'sais', 'sait', 'savoir', 'voir', 'vois', 'voit', 'vu',
  // chat spellings of the above, apostrophe-less or abbreviated
  'jai', 'cest', 'cetait', 'jsuis', 'chui', 'jvais', 'jme', 'jte', 'ya', 'yavait', 'yaura', 'tas', 'ptet', 'ptetre',
  'pcq', 'pck', 'psk', 'qd', 'qnd', 'ds', 'pr', 'avc', 'tt', 'bcp', 'tjrs', 'tjr', 'jms', 'qlq', 'qqn', 'qlqn', 'qqch',
  'qqc', 'cm', 'mm', 'dcp', 'r1', 'ri1', 'koi', 'pk', 'pq', 'ke', 'ki',
];

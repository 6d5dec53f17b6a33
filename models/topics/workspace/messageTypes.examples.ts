import type { MessageType } from '../../../contracts/analysis';
import type { TypedMessage } from './topicFeatures';

/** One hand-labelled topic: a handful of its messages and how a reader would call it. */
export interface MessageTypeExample {
  name: string;
  expected: MessageType;
  messages: TypedMessage[];
}

/** Messages from distinct users u0, u1, ... (most topics: everyone says it once). */
const each = (...texts: string[]): TypedMessage[] => texts.map((text, i) => ({ text, user: `u${i}` }));
/** Messages written by the given users in turn (`users[i % users.length]`): a few people talking. */
const among = (users: string[], ...texts: string[]): TypedMessage[] =>
  texts.map((text, i) => ({ text, user: users[i % users.length]! }));

/**
 * Labelled examples for the message-type rules: small French chat topics written by hand (the shapes seen on
 * French Twitch chat), a few English ones, and some near-misses (a question about subs, hype with "!").
 */
export const MESSAGE_TYPE_EXAMPLES: readonly MessageTypeExample[] = [
  // greeting
  {
    name: 'hellos at the start',
    expected: 'greeting',
    messages: each('salut', 'Salut tout le monde', 'bonjour à tous', 'coucou chat', 'yo', 'slt'),
  },
  {
    name: 'evening hellos',
    expected: 'greeting',
    messages: each('bonsoir', 'Bonsoir tout le monde', 'bsr', 'bonsoir la commu', 'hello'),
  },
  { name: 'back again', expected: 'greeting', messages: each('re', 'Re !', 're tout le monde', 'rere', 're le chat') },
  {
    name: 'goodbyes',
    expected: 'greeting',
    messages: each('bonne nuit', 'bonne nuit à tous', 'bye', 'a+', 'ciao la team', 'bonne soirée'),
  },
  {
    name: 'stretched hellos',
    expected: 'greeting',
    messages: each('saluuuut', 'coucouuu', 'wesh wesh', 'cc', 'kikou'),
  },
  {
    name: 'hello the streamer',
    expected: 'greeting',
    messages: each('salut Zerator', 'yo Zera ça va ?', 'coucou Zera', 'bonjour Zera', 'hello Zera <3'),
  },
  // emote-wave
  {
    name: 'KEKW wave',
    expected: 'emote-wave',
    messages: each('KEKW', 'KEKW KEKW', 'KEKW', 'OMEGALUL', 'KEKW KEKW KEKW', 'LUL'),
  },
  {
    name: 'channel emotes',
    expected: 'emote-wave',
    messages: each('zeratoHype', 'zeratoHype zeratoHype', 'zeratoGG', 'zeratoHype', 'catJAM'),
  },
  { name: 'emoji laughter', expected: 'emote-wave', messages: each('😂😂😂', '😂', '🤣🤣', '😂😂', '💀') },
  { name: 'hearts', expected: 'emote-wave', messages: each('<3', '<3 <3', '❤️', '<3', '❤️❤️') },
  { name: 'GG wave', expected: 'emote-wave', messages: each('GG', 'gg', 'GGGG', 'gg', 'GG !', 'gg') },
  {
    name: 'lets go hype',
    expected: 'emote-wave',
    messages: each('LETS GOOO', 'lets go', 'LETS GO', 'lets gooooo', 'LETS GO !!'),
  },
  { name: 'Pog moment', expected: 'emote-wave', messages: each('Pog', 'PogChamp', 'Pog Pog', 'POGGERS', 'Pog') },
  // question
  {
    name: 'questions to the streamer',
    expected: 'question',
    messages: each(
      'tu joues à quoi après ?',
      'c quoi ton setup ?',
      'tu stream demain ?',
      'il sort quand le jeu ?',
      'tu as quel clavier ?',
    ),
  },
  {
    name: 'how-to questions',
    expected: 'question',
    messages: each(
      'comment on débloque la zone ?',
      'comment tu fais ça',
      'pourquoi il meurt ?',
      'combien de temps la game ?',
      'on fait comment pour le boss ?',
    ),
  },
  {
    name: 'questions with emotes',
    expected: 'question',
    messages: each(
      'c quoi ce jeu ? KEKW',
      'il a fait quoi là ? LUL',
      'qui a gagné ?',
      'quel rang tu es ?',
      'pourquoi ça bug',
    ),
  },
  {
    name: 'what is going on',
    expected: 'question',
    messages: each(
      "qu'est-ce qui se passe ?",
      'il se passe quoi ?',
      "quelqu'un peut expliquer ?",
      'on est où là ?',
      'quoi ?',
    ),
  },
  {
    name: 'English questions',
    expected: 'question',
    messages: each('what game is this?', 'how long is the stream?', 'why is he so good', 'when is the next video?'),
  },
  // vote
  { name: 'plus ones', expected: 'vote', messages: each('+1', '+1', '+1', '-1', '+1 !') },
  { name: 'one or two', expected: 'vote', messages: each('1', '2', '1', '1', '2', '1 !') },
  { name: 'letters', expected: 'vote', messages: each('a', 'B', 'a', 'c', 'b', 'A') },
  { name: 'press F', expected: 'vote', messages: each('F', 'F', 'f', 'F F F', 'F') },
  { name: 'yes or no', expected: 'vote', messages: each('oui', 'non', 'OUI', 'ouiii', 'nan', 'oui') },
  { name: 'vote with a word around', expected: 'vote', messages: each('2', '2', 'je dis 2', '1', '2 !', '2') },
  // copypasta
  {
    name: 'repeated pasta',
    expected: 'copypasta',
    messages: each(
      'le chat quand zera rate un saut dans le vide',
      'le chat quand zera rate un saut dans le vide',
      'LE CHAT QUAND ZERA RATE UN SAUT DANS LE VIDE',
      'le chat quand zera rate un saut dans le vide',
    ),
  },
  {
    name: 'pasta with accents',
    expected: 'copypasta',
    messages: each(
      "Mais qu'est-ce que c'est que ce délire les amis",
      "mais qu'est-ce que c'est que ce delire les amis",
      "Mais qu'est-ce que c'est que ce délire les amis",
      'lol',
    ),
  },
  {
    name: 'pasta and emotes',
    expected: 'copypasta',
    messages: each(
      'on est tous là pour voir le boss tomber ce soir KEKW',
      'on est tous là pour voir le boss tomber ce soir KEKW',
      'on est tous là pour voir le boss tomber ce soir KEKW',
      'on est tous la pour voir le boss tomber ce soir KEKW',
      'mdr',
    ),
  },
  {
    name: 'spam line',
    expected: 'copypasta',
    messages: each(
      'ZERA ON VEUT LE MODE HARDCORE MAINTENANT',
      'ZERA ON VEUT LE MODE HARDCORE MAINTENANT',
      'zera on veut le mode hardcore maintenant',
      'ZERA ON VEUT LE MODE HARDCORE MAINTENANT',
    ),
  },
  {
    name: 'English pasta',
    expected: 'copypasta',
    messages: each(
      'this is the best stream on the whole internet',
      'this is the best stream on the whole internet',
      'this is the best stream on the whole internet',
    ),
  },
  // notice
  {
    name: 'thanks for the sub',
    expected: 'notice',
    messages: each(
      'merci pour le sub',
      'merci pour le sub !',
      'gg pour le sub',
      'sub de 12 mois les gars',
      'merci pour les subs',
    ),
  },
  {
    name: 'bits',
    expected: 'notice',
    messages: each('cheer100 gg', '100 bits pour le boss', 'merci pour les bits', 'cheer500 allez', 'des bits partout'),
  },
  {
    name: 'gift subs',
    expected: 'notice',
    messages: each(
      'merci pour le gift',
      'il a gift 10 subs !',
      'gifted sub merci',
      'merci pour le subgift',
      'GG le gift',
    ),
  },
  {
    name: 'donations',
    expected: 'notice',
    messages: each(
      '5€ pour la cagnotte',
      'je donne 10 euros',
      'merci pour le dono',
      'donation de 20€ wow',
      'le don de 50€ !',
    ),
  },
  {
    name: 'prime and follow',
    expected: 'notice',
    messages: each(
      'prime gratuit avec amazon',
      'mettez votre prime',
      'follow le stream',
      'merci pour le follow',
      'abonnez vous',
    ),
  },
  // conversation
  {
    name: 'replies between viewers',
    expected: 'conversation',
    messages: among(
      ['lea', 'max', 'tom'],
      "@max t'as vu le dernier épisode",
      '@lea oui trop bien',
      '@lea moi pas encore',
      '@tom regarde le vite',
      '@lea ok ce soir',
    ),
  },
  {
    name: 'answering a viewer',
    expected: 'conversation',
    messages: among(
      ['kev', 'nina'],
      "@nina c'est sur steam",
      '@kev merci',
      '@nina de rien',
      '@kev il coûte combien',
      '@nina 20 balles',
    ),
  },
  {
    name: 'mod talk',
    expected: 'conversation',
    messages: among(
      ['mod', 'jo', 'al'],
      '@jo calme toi',
      '@mod pardon',
      '@al pas de spoil stp',
      '@mod ok dsl',
      '@jo merci',
    ),
  },
  {
    name: 'mentions with emotes',
    expected: 'conversation',
    messages: among(['a', 'b', 'c'], '@b KEKW', "@a mdr t'es nul", '@c gg à toi', '@b LUL', '@a ahah'),
  },
  {
    name: 'English replies',
    expected: 'conversation',
    messages: among(
      ['x', 'y'],
      '@y are you watching the game',
      '@x yes it is crazy',
      '@y who scored',
      '@x number nine',
    ),
  },
  // discussion
  {
    name: 'the referee',
    expected: 'discussion',
    messages: each(
      "l'arbitre a rien vu sur cette action",
      'carton rouge direct pour moi',
      'le VAR va revoir le penalty',
      'il a clairement touché le ballon de la main',
      "c'est un scandale cet arbitrage",
    ),
  },
  {
    name: 'game mechanics',
    expected: 'discussion',
    messages: each(
      'il faut monter la forge avant le boss',
      'la potion de feu marche bien contre lui',
      'le stuff de base suffit pas',
      "faut farmer l'xp dans la mine",
      'avec le bouclier tu passes facile',
    ),
  },
  {
    name: 'hardware talk',
    expected: 'discussion',
    messages: each(
      'la carte mère supporte pas la RAM',
      'il faut un meilleur ventirad',
      'le processeur chauffe trop en stream',
      'une 4070 suffit largement',
      'le SSD est trop petit pour le jeu',
    ),
  },
  {
    name: 'the weather',
    expected: 'discussion',
    messages: each(
      'il pleut depuis ce matin chez moi',
      'ici il fait super chaud',
      "grosse tempête à Brest aujourd'hui",
      'la neige est tombée à Lyon',
      'il fait froid dans le nord',
    ),
  },
  {
    name: 'food',
    expected: 'discussion',
    messages: each(
      'ce soir raclette chez moi',
      'les pâtes carbo sans crème',
      "la pizza ananas c'est non",
      'je mange un kebab devant le stream',
      'fondue savoyarde ce week-end',
    ),
  },
  // other
  { name: 'short reactions', expected: 'other', messages: each('mdr', 'ah', 'ok', 'ptdr', 'wow', 'ouf') },
  { name: 'laughter in words', expected: 'other', messages: each('ahahah', 'mdrr', 'ptdrrr', 'jpp', 'xptdr', 'lol') },
  {
    name: 'one person rambling',
    expected: 'other',
    messages: among(
      ['solo'],
      'je pense que le jeu est bien fait',
      'mais la fin est trop rapide à mon avis',
      'et le boss final est trop facile',
      'enfin bref je sais pas trop',
      'on verra la suite du stream',
    ),
  },
  { name: 'surprise', expected: 'other', messages: each('quoi', 'non', 'hein', 'ouch', 'aïe', 'wtf') },
];

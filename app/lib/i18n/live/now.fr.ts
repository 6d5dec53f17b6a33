import type { Message } from '../messages';

/** French messages of the live view's Now panel, questions and overlay (merged into `fr`; keys start with `now.`, `questions.` or `overlay.`). */
export const nowFr = {
  // The Now panel (app/_components/now/)
  'now.title': 'En ce moment',
  'now.region': 'Les sujets du moment',
  'now.subtitle': 'Ce dont le chat parle depuis {span}, les sujets qui montent en premier.',
  'now.recent': { one: '{count} message', other: '{count} messages' },
  'now.recentTitle': 'Messages de ce sujet depuis {span}',
  'now.mark.rising': 'en hausse',
  'now.mark.steady': 'stable',
  'now.mark.fading': 'en baisse',
  'now.greetings': 'Salutations',
  'now.greetingsVariants': { one: '{count} façon de dire bonjour', other: '{count} façons de dire bonjour' },
  'now.waves': 'Vagues d’emotes et de rires',
  'now.waiting': 'En attente des sujets…',
  'now.off': 'Le moteur de sujets est désactivé sur ce serveur.',
  'now.warmup': 'Les premiers sujets arrivent après {min} messages : {messages} reçus pour l’instant.',
  'now.empty': 'Rien de marquant dans les dernières minutes.',
  'now.allTopics': { one: 'Tous les sujets ({count})', other: 'Tous les sujets ({count})' },

  // Questions (app/_components/questions/)
  'questions.title': 'Questions',
  'questions.region': 'Questions posées au streamer',
  'questions.empty': 'Aucune question pour l’instant.',
  'questions.asked': { one: 'posée {count} fois', other: 'posée {count} fois' },
  'questions.askers': { one: 'par {count} personne', other: 'par {count} personnes' },
  'questions.firstAt': 'depuis {clock}',
  'questions.firstAtTitle': 'Première fois au temps du stream {clock}',
  'questions.variants': 'Aussi demandé : {list}',
  'questions.dismiss': 'Masquer',
  'questions.dismissLabel': 'Masquer la question « {text} »',
  'questions.restore': { one: 'Réafficher {count} question masquée', other: 'Réafficher {count} questions masquées' },

  // Stream overlay (app/overlay/[channel])
  'overlay.title': 'En ce moment sur le chat',
  'overlay.waiting': 'En attente du chat…',
  'overlay.questions': 'Questions',
} satisfies Record<string, Message>;

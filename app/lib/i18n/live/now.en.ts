import type { Message } from '../messages';
import type { nowFr } from './now.fr';

/** English messages of the live view's Now panel, questions and overlay: exactly the French keys. */
export const nowEn: Readonly<Record<keyof typeof nowFr, Message>> = {
  'now.title': 'Right now',
  'now.region': 'What chat talks about now',
  'now.subtitle': 'What chat has talked about over {span}, rising topics first.',
  'now.recent': { one: '{count} message', other: '{count} messages' },
  'now.recentTitle': 'Messages of this topic over {span}',
  'now.mark.rising': 'rising',
  'now.mark.steady': 'steady',
  'now.mark.fading': 'fading',
  'now.greetings': 'Greetings',
  'now.greetingsVariants': { one: '{count} way of saying hello', other: '{count} ways of saying hello' },
  'now.waves': 'Emote and laughter waves',
  'now.waiting': 'Waiting for topics…',
  'now.off': 'The topic engine is off on this server.',
  'now.warmup': 'The first topics come after {min} messages: {messages} so far.',
  'now.empty': 'Nothing stands out in the last few minutes.',
  'now.allTopics': { one: 'All topics ({count})', other: 'All topics ({count})' },

  'questions.title': 'Questions',
  'questions.region': 'Questions to the streamer',
  'questions.empty': 'No questions yet.',
  'questions.asked': { one: 'asked {count} time', other: 'asked {count} times' },
  'questions.askers': { one: 'by {count} person', other: 'by {count} people' },
  'questions.firstAt': 'since {clock}',
  'questions.firstAtTitle': 'First asked at stream time {clock}',
  'questions.variants': 'Also asked: {list}',
  'questions.dismiss': 'Hide',
  'questions.dismissLabel': 'Hide the question “{text}”',
  'questions.restore': { one: 'Show {count} hidden question', other: 'Show {count} hidden questions' },

  'overlay.title': 'Right now in chat',
  'overlay.waiting': 'Waiting for chat…',
  'overlay.questions': 'Questions',
};

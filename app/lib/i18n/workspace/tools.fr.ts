import type { Message } from '../messages';

/** French messages of the stream page's tools views (merged into `fr`; keys start with `ws.tools.` or `ws.`). */
export const toolsFr = {
  // Message types (contracts/analysis.ts MESSAGE_TYPES).
  'ws.tools.type.greeting': 'Salutations',
  'ws.tools.type.emote-wave': "Vague d'emotes",
  'ws.tools.type.question': 'Questions au streamer',
  'ws.tools.type.vote': 'Votes / « +1 »',
  'ws.tools.type.copypasta': 'Copypasta',
  'ws.tools.type.notice': 'Dons et messages de bot',
  'ws.tools.type.conversation': 'Conversation (@-réponses)',
  'ws.tools.type.discussion': 'Discussion',
  'ws.tools.type.other': 'Autre',

  // Hierarchy.
  'ws.tools.hierarchy.title': 'Hiérarchie des sujets',
  'ws.tools.hierarchy.missing':
    "Cette analyse n'a pas de hiérarchie (elle date d'une version antérieure) : relancez l'analyse pour l'obtenir.",
  'ws.tools.hierarchy.slider': 'Nombre de sujets',
  'ws.tools.hierarchy.groups': { one: '{count} groupe', other: '{count} groupes' },
  'ws.tools.hierarchy.groupTopics': { one: '{count} sujet', other: '{count} sujets' },
  'ws.tools.hierarchy.chart': 'Dendrogramme : les sujets fusionnés par similarité, la ligne marque la coupe',
  'ws.tools.hierarchy.selectTopic': 'Sélectionner le sujet {id}',

  // Message types over time.
  'ws.tools.types.title': 'Types de messages dans le temps',
  'ws.tools.types.missing':
    "Les sujets de cette analyse n'ont pas de type (version antérieure) : relancez l'analyse pour les obtenir.",
  'ws.tools.types.chart': 'Part de chaque type de message par tranche de temps',
  'ws.tools.types.selected': 'Sujet {id} : {type}',
  'ws.tools.types.none': 'Aucun message dans un sujet.',

  // Drill-down.
  'ws.tools.drill.title': 'Messages',
  'ws.tools.drill.ofTopic': 'Messages du sujet {id} : {label}',
  'ws.tools.drill.ofRange': 'Messages de {from} à {to}',
  'ws.tools.drill.prompt': 'Choisissez un sujet ou sélectionnez une période pour lire ses messages.',
  'ws.tools.drill.filter': 'Filtrer les messages',
  'ws.tools.drill.filterPlaceholder': 'texte ou pseudo',
  'ws.tools.drill.count': { one: '{count} message', other: '{count} messages' },
  'ws.tools.drill.noMatch': 'Aucun message ne correspond au filtre.',
  'ws.tools.drill.openReplay': 'Ouvrir dans le replay à ce moment',
  'ws.tools.drill.opening': 'Ouverture du replay…',
  'ws.tools.drill.noise': 'bruit',

  // Search.
  'ws.tools.search.title': 'Recherche',
  'ws.tools.search.query': 'Rechercher dans le chat',
  'ws.tools.search.placeholder': "ex. « l'arbitre »",
  'ws.tools.search.mode': 'Mode de recherche',
  'ws.tools.search.text': 'Texte',
  'ws.tools.search.meaning': 'Sens',
  'ws.tools.search.submit': 'Chercher',
  'ws.tools.search.busy': 'Recherche…',
  'ws.tools.search.inRange': 'Dans la période sélectionnée ({from} – {to})',
  'ws.tools.search.summary': {
    one: '{count} message trouvé en {ms}',
    other: '{count} messages trouvés en {ms}',
  },
  'ws.tools.search.messages': 'Messages',
  'ws.tools.search.topics': 'Sujets',
  'ws.tools.search.none': 'Rien trouvé.',
  'ws.tools.search.noVectors':
    "Cette analyse n'a pas gardé les vecteurs des messages : la recherche par sens est impossible. Relancez l'analyse, ou cherchez par texte.",
  'ws.tools.search.score': 'score {score}',

  // Highlights.
  'ws.tools.highlights.title': 'Moments forts',
  'ws.tools.highlights.missing':
    "Cette analyse n'a pas de moments forts (version antérieure) : relancez l'analyse pour les obtenir.",
  'ws.tools.highlights.empty': 'Aucun pic de messages dans ce stream.',
  'ws.tools.highlights.peak': '{rate} msg/min au pic',
  'ws.tools.highlights.brush': 'Sélectionner la période {from} – {to}',
  'ws.tools.highlights.chapters': 'Chapitres YouTube',
  'ws.tools.highlights.chaptersNote':
    'YouTube veut un premier chapitre à 0:00 (ajouté : « {start} ») et des chapitres d’au moins 10 s (les pics trop proches sont omis).',
  'ws.tools.highlights.chapterStart': 'Début',
  'ws.tools.highlights.copy': 'Copier',
  'ws.tools.highlights.copied': 'Copié',
  'ws.tools.highlights.copyFailed': 'Copie refusée par le navigateur : sélectionnez le texte.',
  'ws.tools.highlights.downloadTxt': 'Télécharger .txt',
  'ws.tools.highlights.downloadCsv': 'CSV',

  // Export.
  'ws.tools.export.title': 'Exporter',
  'ws.tools.export.json': "L'analyse (JSON)",
  'ws.tools.export.messagesCsv': 'Les messages (CSV)',
  'ws.tools.export.charts': 'Graphiques',
  'ws.tools.export.noCharts': 'Aucun graphique sur la page.',
  'ws.tools.export.failed': "L'export a échoué : {error}",
  'ws.tools.export.chart.map': 'Carte',
  'ws.tools.export.chart.timeline': 'Chronologie',
  'ws.tools.export.chart.rate': 'Débit',
  'ws.tools.export.chart.hierarchy': 'Hiérarchie',
  'ws.tools.export.chart.types': 'Types de messages',
} satisfies Record<string, Message>;

import type { Message } from '../messages';

/**
 * French messages of the server's refusals and errors, by their stable code (`contracts/errorCodes.ts`; merged into
 * `fr`; keys `serverError.*`). A code the server sends without an entry here is shown in the server's English.
 */
export const errorsFr = {
  'serverError.server.internal': 'Erreur interne du serveur (le détail est dans son journal).',
  'serverError.request.bad-field': 'Requête invalide : {field} doit être un texte non vide.',
  'serverError.operator.required':
    'Cette action est réservée à l’opérateur : rechargez la page pour reprendre le jeton du serveur.',
  'serverError.origin.foreign': 'Requête refusée : elle vient d’un autre site que ce tableau de bord.',
  'serverError.channel.bad-name': '« {input} » n’est pas un nom de chaîne valide.',
  'serverError.channel.bad-twitch-login':
    '« {input} » n’est pas un login Twitch : de 1 à 25 lettres, chiffres ou _, sans espace.',
  'serverError.channel.unknown-platform': 'Plateforme de chat inconnue « {platform} » (connues : {known}).',
  'serverError.channel.not-open': 'La chaîne « {channel} » n’est pas ouverte.',
  'serverError.channel.not-live': '« {channel} » n’est pas une chaîne en direct.',
  'serverError.channel.already-open': 'La chaîne « {channel} » est déjà ouverte.',
  'serverError.cluster.no-owner':
    'Aucun nœud du déploiement n’a pu prendre la chaîne « {channel} » (tous à leur limite, ou aucun en marche).',
  'serverError.quota.channels':
    'Impossible de suivre « {channel} » : {open} chaînes en direct sont déjà ouvertes, le maximum. Quittez-en une d’abord (réglage {setting}, variable {env}).',
  'serverError.quota.replays':
    'Impossible d’ouvrir une autre rediffusion : {open} sont déjà ouvertes, le maximum. Fermez-en une d’abord (réglage {setting}, variable {env}).',
  'serverError.quota.events':
    'Trop d’actions à la fois : « {event} » a été ignorée (au plus {rate} par seconde, par rafales de {burst} ; réglage {setting}, variable {env}).',
  'serverError.stream.unknown': 'Le stream « {streamId} » n’est pas dans les archives.',
  'serverError.replay.bad-speed': 'La vitesse de rediffusion doit être entre x{min} et x{max} (reçu : {speed}).',
  'serverError.replay.unknown': 'Pas de rediffusion « {key} ».',
  'serverError.topics.off': 'L’analyse des sujets est désactivée sur ce serveur (démarré avec --no-topics).',
  'serverError.import.busy':
    'Trop d’imports en même temps ({running} en cours, la limite est de {limit}) : réessayez quand l’un d’eux sera fini.',
  'serverError.import.too-large': 'le fichier fait {size} Mo, la limite est de {limit} Mo.',
  'serverError.import.over-limit': 'le fichier dépasse la limite de {limit} Mo.',
  'serverError.import.unknown-format': 'format inconnu « {format} » (formats possibles : {formats}).',
  'serverError.import.empty': 'le fichier est vide.',
  'serverError.import.no-text': '{file} ne contient aucun texte lisible.',
  'serverError.import.unrecognised':
    '{file} n’est pas un fichier de chat reconnu ; formats acceptés : {formats} (la ligne {line} ne correspond à aucun : « {sample} »).',
  'serverError.import.binary': '{file} n’est pas un fichier texte ; formats acceptés : {formats}.',
  'serverError.import.not-format': '{file} ne se lit pas comme un fichier {format}.',
  'serverError.import.unreadable': 'impossible de lire {file}.',
  'serverError.import.failed': 'l’import a échoué (le détail est dans le journal du serveur).',
  'serverError.admin.disabled':
    'La section admin est verrouillée : aucun mot de passe admin n’est configuré. Démarrez le serveur avec --admin-password <mot de passe> (ou la variable d’environnement CHAT_TOPICS_ADMIN_PASSWORD), ou réglez adminPasswordHash (CHAT_TOPICS_ADMIN_PASSWORD_HASH) avec une empreinte faite par « chat-topics admin hash-password ».',
  'serverError.admin.bad-password': 'Connexion refusée : mot de passe incorrect.',
  'serverError.admin.too-many-attempts': 'Trop de tentatives de connexion : réessayez dans {seconds} s.',
  'serverError.admin.signed-out':
    'Vous n’êtes pas connecté (ou la session a expiré) : connectez-vous à la section admin.',
  'serverError.admin.import-running': 'Un import est déjà en cours ({repo}) : attendez qu’il se termine.',
  'serverError.analysis.busy':
    'La même analyse de {streamId} (modèle {model}, mêmes réglages) est déjà en attente ou en cours : tâche {job}.',
  'serverError.analysis.closed': 'Les analyses sont fermées : le serveur s’arrête.',
  'serverError.analysis.not-cancellable': 'La tâche d’analyse {job} est terminée : rien à annuler.',
  'serverError.analysis.unknown-job': 'Aucune tâche d’analyse « {job} » depuis le démarrage du serveur.',
} satisfies Record<string, Message>;

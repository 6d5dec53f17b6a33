import type { Vocabulary } from './types';

/** Background one-off messages that belong to no planted topic (topic `noise`). */
export const CHATTER: Vocabulary = {
  slots: {
    truc: [
      'mon chat', 'ma voisine', 'le bus', 'mon forfait', 'la série', 'cet anime', 'le film', 'ma box', 'mon frère', 'ma cousine', 'le métro', 'tiktok',
      'youtube', 'mon téléphone', 'le trailer', 'mon boulot', 'la vidéo', 'le podcast', 'mon vélo', 'la voiture', 'mon appart', 'les impôts', 'la banque',
      'le dentiste', 'ma plante', 'mon chien', 'le concert', 'netflix', 'le manga', 'la télé', 'mon ordi', 'le wifi', 'ma tante', 'le coiffeur', 'la fibre',
    ],
    avis: ['trop bien', 'nul', 'chelou', 'incroyable', 'bizarre', 'cool', 'pas ouf', 'sous-coté', 'surcoté', 'relou', 'stylé', 'moyen', 'cringe', 'goatesque'],
    verbe: ['regarde', 'connaît', 'a vu', 'écoute', 'joue à', 'a testé', 'suit', 'aime'],
    reaction: ['ah', 'ok', 'okok', "d'accord", 'ah bon ?', 'hein ?', 'quoi ?', 'genre', 'bref', "c'est vrai", 'pas faux', "j'avoue", 'pareil', 'moi aussi', 'ça dépend', 'hmm', 'bah oui', 'euh', 'logique', 'intéressant', 'ah ouais', 'sérieux ?', 'nan mais', 'oklm', 'bg', 'first', 'askip', 'wsh', 'tqt'],
  },
  topics: [
    {
      id: 'noise',
      templates: [
        '{reaction}',
        '{reaction}',
        '{reaction} {reaction?}',
        '{mdr}',
        '{oui}',
        '{non}',
        '{jsp}',
        '{ptn}',
        '{@any}',
        '{@any} {@any?}',
        '{reaction} {@any}',
        '{truc} {avis}',
        '{truc} est {avis}',
        'en vrai {truc} est {avis}',
        'qui {verbe} {truc} ?',
        '{enfait} {truc} {avis}',
        "j'ai raté quoi ?",
        "c'est qui {frr} ?",
        "{truc} c'est {avis} {mdr?}",
        'chat vous êtes {avis} {mdr?}',
        '{truc} {reaction}',
        '{enfait} {reaction}',
        '{reaction} {frr}',
        '{mdr} {truc}',
        'mon pote {verbe} {truc}',
      ],
    },
  ],
};

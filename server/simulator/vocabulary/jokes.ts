import type { Vocabulary } from './types';

/**
 * The channel's running jokes (they come back during the stream), copypastas (long messages pasted again and
 * again with small variations) and spam waves ("+1", emote spam while the music plays).
 */
export const JOKES: Vocabulary = {
  slots: {
    chaise_son: ['couic', 'couic couic', 'criii', 'crrr', 'grince grince'],
    chaise_nom: ['la chaise', 'LA CHAISE', 'cette chaise', 'la chaise maudite', 'notre chaise'],
    pompes_n: ['10', '20', '50', '100', '150', '200', '300'],
    pompes_nom: ['pompes', 'POMPES', 'pompes de la honte', 'pompes obligatoires'],
    depuis: ['3 ans', 'le début', '2019', 'la première vidéo', 'toujours', 'six mois', 'avant le covid'],
    police_de: ['du bon goût', 'des puns', 'de la chaise', 'du cringe', 'des blagues nulles', 'du chat'],
    punition: ['de 10 pompes', "d'un ban de 2 secondes", "d'une chanson de la chaise", "d'un sub offert", "d'un gage"],
    malediction: [
      'ta chaise va grincer',
      'ton wifi va lag',
      'tu rateras tous tes sauts',
      'ton pain sera rassis',
      'tes chaussettes seront mouillées',
    ],
    duree: ['7 ans', 'une semaine', 'toute la soirée', '3 jours', 'un mois'],
    plus_un: ['+1', '+1', '+1', '+ 1', '+1000', '+1 +1', 'plus un', '+1 de ouf', '+10000', '+1 évidemment'],
    vibe: ['vibe', 'VIBE', 'ça vibe', 'on danse', 'la danse', 'ambiance', 'ça bouge', 'dance time', 'le groove'],
  },
  topics: [
    {
      id: 'joke-chaise',
      caps: 0.1,
      templates: [
        '{chaise_nom} {@laugh?}',
        'on entend {chaise_nom} qui grince {mdr?}',
        'RIP {chaise_nom} {@sad?}',
        '{chaise_nom} a encore parlé {mdr}',
        '#teamchaise {@love?}',
        '{chaise_nom} mérite un sub',
        '{chaise_nom} > {streamer}',
        "quelqu'un a huilé {chaise_nom} ?",
        '{chaise_nom} est en PLS {@laugh?}',
        '{chaise_son} {mdr}',
        '{chaise_son} {chaise_son} {@laugh?}',
        '{chaise_nom} va lâcher {@fear?}',
        'justice pour {chaise_nom}',
        '{chaise_nom} qui grince encore {@laugh}',
        '{chaise_son} {chaise_nom} {@laugh?}',
      ],
      replies: ['{chaise_nom} {chaise_son}', '#teamchaise', '{chaise_nom} est immortelle'],
    },
    {
      id: 'joke-pompes',
      caps: 0.2,
      templates: [
        '{pompes_nom} {@laugh?}',
        '{pompes_n} {pompes_nom} {frr}',
        'ça fait combien de pompes là ?',
        'compteur de pompes : {pompes_n}',
        'les pompes {streamer} {@laugh}',
        '{pompes_n} {pompes_nom} {mdr}',
        'on veut voir les pompes {@laugh?}',
        "t'as promis les pompes",
        'il doit {pompes_n} pompes au chat',
        'les bras vont lâcher {mdr} {pompes_nom}',
        '{pompes_nom} {pompes_nom} {pompes_nom}',
        'la dette de pompes {ptn}',
      ],
      replies: ['{pompes_n} {pompes_nom} au moins', 'il a jamais fait les {pompes_nom} {mdr}'],
    },
    {
      id: 'copypasta-1',
      truncate: 0.2,
      templates: [
        '{salut?} je regarde depuis {depuis} et ce stream a changé ma vie , avant je mangeais des pâtes sans sel et maintenant je mange des pâtes avec du sel , merci {streamer} {@love}',
        'je regarde depuis {depuis} et ce stream a changé ma vie , avant je mangeais des pâtes sans sel et maintenant je mange des pâtes avec du sel {@love?}',
      ],
    },
    {
      id: 'copypasta-2',
      truncate: 0.2,
      templates: [
        '🚨 ATTENTION 🚨 ce chat est surveillé par la police {police_de} , tout message hors sujet sera puni {punition} 🚨',
        '🚨 ce chat est surveillé par la police {police_de} , tout message hors sujet sera puni {punition} 🚨 {@troll?}',
      ],
    },
    {
      id: 'copypasta-3',
      truncate: 0.2,
      templates: [
        "ce n'est pas un bug c'est une feature , ce n'est pas une erreur c'est une stratégie , ce n'est pas une défaite c'est un repos stratégique {@troll}",
        "ce n'est pas un bug c'est une feature , ce n'est pas une erreur c'est une stratégie {@troll} {@troll?}",
      ],
    },
    {
      id: 'copypasta-4',
      truncate: 0.2,
      templates: [
        "si tu lis ceci tu dois mettre un {@love} dans le chat sinon {malediction} pendant {duree} , c'est la règle , je fais pas les règles {@troll?}",
        'si tu lis ceci mets un {@love} dans le chat sinon {malediction} pendant {duree} , je fais pas les règles',
      ],
    },
    {
      id: 'spam-plus1',
      templates: [
        '{plus_un}',
        '{plus_un}',
        '{plus_un} {@any?}',
        '{plus_un} {frr}',
        '{plus_un} {plus_un}',
        '{@any} {plus_un}',
        '{plus_un} {ouf}',
      ],
    },
    {
      id: 'spam-catjam',
      caps: 0.1,
      templates: [
        '{@music}',
        '{@music} {@music}',
        '{@music} {@music} {@music} {@music?}',
        '{vibe} {@music}',
        '{vibe} {vibe} {@music?}',
        '{@music} {vibe} {@music}',
        '{vibe} {streamer} {@music}',
        'tout le chat {vibe} {@music}',
      ],
    },
  ],
};

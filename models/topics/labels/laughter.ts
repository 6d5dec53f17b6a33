/**
 * Laughter in any length once stretches are collapsed (`collapseStretches`) and the word folded (`foldWord`):
 * "hahaha", "ahahah", "hihi", "xptdr", "loool", "xDDD", "mdr", "kek". Shared by the labels (laughter names no topic)
 * and the moments (a laughing wave is a reaction to whatever chat laughs at).
 */
export const LAUGHTER = /^(?:(?:ha|ah|he|eh|hi|ih|ho|oh){2,}[ah]?|x?mdr+|x?ptdr+|lo+l|lmf?ao+|xd+|ke+k)$/;

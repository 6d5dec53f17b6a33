import type { TopicTerm } from '../../../contracts/analysis';
import { LabelsError } from './errors';
import { buildTermMatrix, type SparseRows, type TermMatrix } from './termMatrix';

export interface CTfIdfOptions {
  /** 'ctfidf' (default): idf = log(1 + A / f_t); 'bm25': idf = log(1 + (A - f_t + 0.5) / (f_t + 0.5)). */
  weighting?: 'ctfidf' | 'bm25';
  /** Use sqrt(tf) instead of tf, which damps the words every message of a topic repeats (default false). */
  reduceFrequentWords?: boolean;
  /**
   * Terms found in fewer messages than this are ignored everywhere, tf normalisation included (default 1 = keep
   * all). Note: it counts messages, whereas BERTopic's `min_df` counts class documents (topics).
   */
  minDocumentFrequency?: number;
}

export interface TopicTermsOptions extends CTfIdfOptions {
  /** Terms kept per topic, best first (default 10, as BERTopic's top_n_words). */
  topN?: number;
}

/** One label term and its c-TF-IDF weight in the topic (the analysis document's definition). */
export type { TopicTerm } from '../../../contracts/analysis';

/** The fitted c-TF-IDF: what the labels were computed from, kept to score messages (representativeMessages). */
export interface CTfIdfModel {
  nTopics: number;
  /** The labels given to topicTerms (not copied). */
  labels: Int32Array;
  weighting: 'ctfidf' | 'bm25';
  reduceFrequentWords: boolean;
  terms: TermMatrix;
  /** Per term id; 0 for terms ignored by minDocumentFrequency. */
  idf: Float64Array;
  /** A: the average number of terms per class, truncated to an integer as BERTopic does. */
  averageTermsPerClass: number;
  /** The c-TF-IDF vector of each class: row 0 is noise (-1), row t + 1 is topic t. */
  classVectors: SparseRows;
  /** Message indices of each class, ascending: `members.ids[members.start[t + 1] .. members.start[t + 2])` is topic t. */
  members: { start: Int32Array; ids: Int32Array };
}

export interface TopicTermsResult {
  /** Per topic 0..nTopics-1: up to topN terms with a positive score, best first (ties by term). */
  terms: TopicTerm[][];
  model: CTfIdfModel;
}

/**
 * c-TF-IDF as BERTopic defines it: the messages of each class are joined into one class document; tf is a term's
 * count in the class over the class's total count (L1); idf = log(1 + A / f_t), with A the average number of terms
 * per class (BERTopic truncates it to an integer) and f_t the term's count over all classes; bm25: idf =
 * log(1 + (A - f_t + 0.5) / (f_t + 0.5)), negative for terms more frequent than A; reduce frequent words:
 * sqrt(tf). The noise class (-1) takes part in A and f_t but gets no label, as in BERTopic. Classes with no
 * message (an empty topic id, or no noise) do not count in A. As BERTopic, terms whose score is not positive are
 * not label terms.
 *
 * @param docTerms the terms of each message (ChatTermTokenizer.terms)
 * @param labels the topic of each message, -1 for noise
 * @param nTopics topics are 0..nTopics-1
 * @throws LabelsError on mismatched lengths, labels outside [-1, nTopics) or invalid options
 * @example
 * const tok = new ChatTermTokenizer();
 * const { terms } = topicTerms(texts.map((t) => tok.terms(t)), hdbscanResult.labels, hdbscanResult.nClusters);
 * formatLabel(terms[0]!); // "boss (0.41)/phase (0.22)/…"
 */
export function topicTerms(
  docTerms: readonly (readonly string[])[],
  labels: Int32Array,
  nTopics: number,
  options: TopicTermsOptions = {},
): TopicTermsResult {
  const { weighting = 'ctfidf', reduceFrequentWords = false, minDocumentFrequency = 1, topN = 10 } = options;
  validate(docTerms, labels, nTopics, weighting, minDocumentFrequency, topN);
  const terms = buildTermMatrix(docTerms);
  const v = terms.vocabulary.length;
  const members = groupByClass(labels, nTopics + 1);
  const kept = new Uint8Array(v);
  for (let t = 0; t < v; t++) kept[t] = terms.documentFrequency[t]! >= minDocumentFrequency ? 1 : 0;

  const counts = classCounts(terms.rows, members, kept, v);
  const termTotal = new Float64Array(v);
  const classTotal = new Float64Array(nTopics + 1);
  let presentClasses = 0;
  for (let c = 0; c <= nTopics; c++) {
    if (members.start[c + 1]! > members.start[c]!) presentClasses++;
    for (let e = counts.start[c]!; e < counts.start[c + 1]!; e++) {
      termTotal[counts.ids[e]!]! += counts.values[e]!;
      classTotal[c]! += counts.values[e]!;
    }
  }
  let allTerms = 0;
  for (let c = 0; c <= nTopics; c++) allTerms += classTotal[c]!;
  const a = presentClasses === 0 ? 0 : Math.trunc(allTerms / presentClasses);
  const idf = new Float64Array(v);
  for (let t = 0; t < v; t++) {
    const f = termTotal[t]!;
    if (f === 0) continue;
    idf[t] = weighting === 'bm25' ? Math.log(1 + (a - f + 0.5) / (f + 0.5)) : Math.log(a / f + 1);
  }

  // The class vectors reuse the count arrays: counts become weights in place.
  const classVectors = counts;
  for (let c = 0; c <= nTopics; c++) {
    for (let e = classVectors.start[c]!; e < classVectors.start[c + 1]!; e++) {
      const tf = classVectors.values[e]! / classTotal[c]!;
      classVectors.values[e] = (reduceFrequentWords ? Math.sqrt(tf) : tf) * idf[classVectors.ids[e]!]!;
    }
  }
  const model: CTfIdfModel = {
    nTopics,
    labels,
    weighting,
    reduceFrequentWords,
    terms,
    idf,
    averageTermsPerClass: a,
    classVectors,
    members,
  };
  const labelTerms: TopicTerm[][] = [];
  for (let topic = 0; topic < nTopics; topic++) labelTerms.push(bestTerms(model, topic + 1, topN));
  return { terms: labelTerms, model };
}

function validate(
  docTerms: readonly (readonly string[])[],
  labels: Int32Array,
  nTopics: number,
  weighting: string,
  minDocumentFrequency: number,
  topN: number,
): void {
  if (!(labels instanceof Int32Array)) throw new LabelsError('INVALID_LABELS', 'labels must be an Int32Array');
  if (docTerms.length !== labels.length) {
    throw new LabelsError(
      'LENGTH_MISMATCH',
      `docTerms has ${docTerms.length} messages but labels has ${labels.length}`,
    );
  }
  if (!Number.isInteger(nTopics) || nTopics < 0)
    throw new LabelsError('INVALID_N_TOPICS', `nTopics must be an integer >= 0, got ${nTopics}`);
  for (let r = 0; r < labels.length; r++) {
    const label = labels[r]!;
    if (label < -1 || label >= nTopics)
      throw new LabelsError('INVALID_LABELS', `labels[${r}] = ${label} is outside [-1, ${nTopics})`);
  }
  if (weighting !== 'ctfidf' && weighting !== 'bm25')
    throw new LabelsError('INVALID_OPTION', `weighting must be 'ctfidf' or 'bm25', got ${weighting}`);
  if (!Number.isInteger(minDocumentFrequency) || minDocumentFrequency < 1) {
    throw new LabelsError(
      'INVALID_OPTION',
      `minDocumentFrequency must be an integer >= 1, got ${minDocumentFrequency}`,
    );
  }
  if (!Number.isInteger(topN) || topN < 0)
    throw new LabelsError('INVALID_OPTION', `topN must be an integer >= 0, got ${topN}`);
}

/** Message indices per class (label + 1), ascending, by a counting sort. */
function groupByClass(labels: Int32Array, nClasses: number): { start: Int32Array; ids: Int32Array } {
  const start = new Int32Array(nClasses + 1);
  for (let r = 0; r < labels.length; r++) start[labels[r]! + 2]! += 1;
  for (let c = 1; c <= nClasses; c++) start[c]! += start[c - 1]!;
  const next = start.slice(0, nClasses);
  const ids = new Int32Array(labels.length);
  for (let r = 0; r < labels.length; r++) ids[next[labels[r]! + 1]!++] = r;
  return { start, ids };
}

/** Term counts per class (kept terms only), accumulated in a dense scratch row that is cleared through its entries. */
function classCounts(
  rows: SparseRows,
  members: { start: Int32Array; ids: Int32Array },
  kept: Uint8Array,
  v: number,
): SparseRows {
  const nClasses = members.start.length - 1;
  const scratch = new Float64Array(v);
  const touched = new Int32Array(v);
  const start = new Int32Array(nClasses + 1);
  const ids = new Int32Array(rows.ids.length);
  const values = new Float64Array(rows.ids.length);
  let out = 0;
  for (let c = 0; c < nClasses; c++) {
    start[c] = out;
    let nTouched = 0;
    for (let m = members.start[c]!; m < members.start[c + 1]!; m++) {
      const r = members.ids[m]!;
      for (let e = rows.start[r]!; e < rows.start[r + 1]!; e++) {
        const id = rows.ids[e]!;
        if (kept[id] === 0) continue;
        if (scratch[id] === 0) touched[nTouched++] = id;
        scratch[id]! += rows.values[e]!;
      }
    }
    for (let i = 0; i < nTouched; i++) {
      const id = touched[i]!;
      ids[out] = id;
      values[out++] = scratch[id]!;
      scratch[id] = 0;
    }
  }
  start[nClasses] = out;
  return { start, ids: ids.slice(0, out), values: values.slice(0, out) };
}

/** The topN positive-weight terms of one class, best first, ties by term. */
function bestTerms(model: CTfIdfModel, cls: number, topN: number): TopicTerm[] {
  const { classVectors, terms } = model;
  const found: TopicTerm[] = [];
  for (let e = classVectors.start[cls]!; e < classVectors.start[cls + 1]!; e++) {
    const score = classVectors.values[e]!;
    if (score > 0) found.push({ term: terms.vocabulary[classVectors.ids[e]!]!, score });
  }
  found.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return found.length > topN ? found.slice(0, topN) : found;
}

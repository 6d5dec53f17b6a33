import type { TopicTermsResult } from './cTfIdf';
import { LabelsError } from './errors';
import { sampleInOrder, SplitMix32, subSeed } from '../../random';

export interface RepresentativeMessagesOptions {
  /** Messages per topic (default 3, as BERTopic's nr_repr_docs). */
  count?: number;
  /** Messages of a topic compared with it, drawn at random when the topic is larger (default 500, as BERTopic). */
  sampleSize?: number;
  /** Seed of the sample (default 42). Each topic draws from its own stream, so topics do not disturb each other. */
  seed?: number;
}

/**
 * The messages that best represent each topic, BERTopic's way: among a seeded sample of the topic's messages,
 * those whose own c-TF-IDF vector (the message's term counts, L1-normalised, sqrt'ed when the model reduces
 * frequent words, times the idf) is most similar by cosine to the topic's. Texts repeat a lot in chat ("+1",
 * "GG"), so a message whose text was already picked (ignoring case and spacing) is skipped. Ties go to the
 * earlier message.
 *
 * @param topics what topicTerms returned for these messages
 * @param texts the message texts, in the order given to topicTerms
 * @returns per topic 0..nTopics-1, message indices, best first (fewer when the topic has fewer distinct texts)
 * @throws LabelsError when `texts` does not match the messages or an option is not a valid integer
 * @example
 * const result = topicTerms(docTerms, labels, nTopics);
 * representativeMessages(result, texts, { count: 3 })[0]; // e.g. [412, 97, 1503]
 */
export function representativeMessages(
  topics: TopicTermsResult,
  texts: readonly string[],
  options: RepresentativeMessagesOptions = {},
): number[][] {
  const { count = 3, sampleSize = 500, seed = 42 } = options;
  const { model } = topics;
  const { rows, vocabulary } = model.terms;
  if (texts.length !== model.labels.length)
    throw new LabelsError(
      'LENGTH_MISMATCH',
      `texts has ${texts.length} messages but the model has ${model.labels.length}`,
    );
  for (const [name, value] of [
    ['count', count],
    ['sampleSize', sampleSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new LabelsError('INVALID_OPTION', `${name} must be an integer >= 0, got ${value}`);
  }
  if (!Number.isInteger(seed)) throw new LabelsError('INVALID_OPTION', `seed must be an integer, got ${seed}`);

  const topicWeight = new Float64Array(vocabulary.length);
  const out: number[][] = [];
  for (let topic = 0; topic < model.nTopics; topic++) {
    const cls = topic + 1;
    const { classVectors, members, idf } = model;
    let topicNorm = 0;
    for (let e = classVectors.start[cls]!; e < classVectors.start[cls + 1]!; e++) {
      const w = classVectors.values[e]!;
      topicWeight[classVectors.ids[e]!] = w;
      topicNorm += w * w;
    }
    topicNorm = Math.sqrt(topicNorm);
    const sample = sampleInOrder(
      members.ids.subarray(members.start[cls]!, members.start[cls + 1]!),
      sampleSize,
      SplitMix32.fromSeed(subSeed(seed, topic)),
    );
    const similarity = new Float64Array(sample.length);
    for (let s = 0; s < sample.length; s++) {
      const r = sample[s]!;
      // The L1 normalisation scales the whole message vector, so cosine ignores it; sqrt(tf) scales as sqrt(total).
      let dot = 0;
      let norm = 0;
      for (let e = rows.start[r]!; e < rows.start[r + 1]!; e++) {
        const id = rows.ids[e]!;
        const w = (model.reduceFrequentWords ? Math.sqrt(rows.values[e]!) : rows.values[e]!) * idf[id]!;
        dot += w * topicWeight[id]!;
        norm += w * w;
      }
      similarity[s] = norm > 0 && topicNorm > 0 ? dot / (Math.sqrt(norm) * topicNorm) : 0;
    }
    for (let e = classVectors.start[cls]!; e < classVectors.start[cls + 1]!; e++) topicWeight[classVectors.ids[e]!] = 0;

    const order = Array.from(sample.keys()).sort((x, y) => similarity[y]! - similarity[x]! || x - y);
    const picked: number[] = [];
    const seen = new Set<string>();
    for (const s of order) {
      if (picked.length >= count) break;
      const key = texts[sample[s]!]!.trim().replace(/\s+/g, ' ').toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      picked.push(sample[s]!);
    }
    out.push(picked);
  }
  return out;
}

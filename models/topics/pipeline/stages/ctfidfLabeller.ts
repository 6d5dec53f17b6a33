import type { TopicPipelineParams } from '../../../../contracts/analysis';
import { ChatTermTokenizer, representativeMessages, SurfaceForms, topicTerms } from '../../labels';
import { fallbackTerms } from '../fallbackTerms';
import { groupTermModel } from '../groupTermModel';
import type { Labeller } from './Labeller';

/**
 * c-TF-IDF (or BM25) labels over the chat term tokenizer, representative messages BERTopic's way, and the most
 * common message as the label of a group left without terms (`fallbackTerms`).
 *
 * @param params the pipeline's `labels` section
 * @param seed the seed of the representatives' sample
 * @example const label = ctfidfLabeller(params.labels, params.umap.seed).read({ texts }); label(labels, nTopics).terms;
 */
export function ctfidfLabeller(params: TopicPipelineParams['labels'], seed: number): Labeller {
  return {
    kind: 'ctfidf',
    parameters: params,
    read({ texts, emotes, emoteNames }) {
      // Terms are matched folded; labels show each term as chat wrote it most often ("carte mère", not "carte mere").
      const tokenizer = new ChatTermTokenizer({
        ngramRange: params.ngramRange,
        ...(emoteNames ? { emotes: emoteNames } : {}),
      });
      const forms = new SurfaceForms();
      const docTerms = texts.map((t, i) => {
        const written = tokenizer.termsWithForms(t, emotes?.[i]);
        forms.add(written.terms, written.forms);
        return written.terms;
      });
      return (labels, nGroups) => {
        const labelled = topicTerms(docTerms, labels, nGroups, {
          weighting: params.weighting,
          reduceFrequentWords: params.reduceFrequentWords,
          topN: params.topTerms,
        });
        const representatives = representativeMessages(labelled, texts, { count: params.representatives, seed });
        const members: number[][] = Array.from({ length: nGroups }, () => []);
        labels.forEach((label, i) => label >= 0 && members[label]!.push(i));
        const terms = labelled.terms.map((t, c) =>
          t.length > 0 ? forms.display(t) : fallbackTerms(texts, members[c]!),
        );
        return { terms, representatives, termModel: () => groupTermModel(labelled.model, forms) };
      };
    },
  };
}

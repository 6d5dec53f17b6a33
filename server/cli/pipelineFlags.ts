import { TopicPipelineParamsSchema, type TopicPipelineParams, type TopicPipelineParamsInput } from '../../contracts/analysis';
import { UsageError } from '../errors';
import { numberFlag } from './parseFlags';

/** The topic pipeline's flags, shared by `analyze` and `npm run eval -- reference` (parseArgs options). */
export const PIPELINE_FLAGS = {
  neighbors: { type: 'string' },
  components: { type: 'string' },
  'min-dist': { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  'time-unit': { type: 'string' },
  'no-time': { type: 'boolean' },
  'min-cluster-size': { type: 'string' },
  'min-samples': { type: 'string' },
  epsilon: { type: 'string' },
  leaf: { type: 'boolean' },
  'max-topic-share': { type: 'string' },
  'attach-within': { type: 'string' },
  bm25: { type: 'boolean' },
  'reduce-frequent-words': { type: 'boolean' },
  terms: { type: 'string' },
} as const;

type PipelineFlagValues = { [K in keyof typeof PIPELINE_FLAGS]?: (typeof PIPELINE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** The pipeline parameters the flags ask for, validated; a bad value is a UsageError naming its flag. */
export function pipelineParamsFromFlags(values: PipelineFlagValues): TopicPipelineParams {
  const num = (flag: keyof PipelineFlagValues) => (values[flag] === undefined ? undefined : numberFlag(values[flag] as string, flag, 0));
  const input: TopicPipelineParamsInput = {
    umap: { nNeighbors: num('neighbors'), nComponents: num('components'), minDist: num('min-dist'), nEpochs: num('epochs'), seed: num('seed') },
    time: { enabled: values['no-time'] ? false : undefined, unitSeconds: num('time-unit') },
    hdbscan: {
      minClusterSize: num('min-cluster-size'),
      minSamples: num('min-samples'),
      clusterSelectionEpsilon: num('epsilon'),
      clusterSelectionMethod: values.leaf ? 'leaf' : undefined,
      maxClusterShare: num('max-topic-share'),
    },
    outliers: { attachWithin: num('attach-within') },
    labels: { weighting: values.bm25 ? 'bm25' : undefined, reduceFrequentWords: values['reduce-frequent-words'] ? true : undefined, topTerms: num('terms') },
  };
  const parsed = TopicPipelineParamsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`invalid pipeline parameter ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

import {
  TopicPipelineParamsSchema,
  type TopicPipelineParams,
  type TopicPipelineParamsInput,
} from '../../contracts/analysis';
import { CLUSTERER_KINDS } from '../../contracts/pipelineStages';
import { UsageError } from '../errors';
import { numberFlag } from './parseFlags';

/** The topic pipeline's flags, shared by `analyze` and `npm run eval -- reference` (parseArgs options). */
export const PIPELINE_FLAGS = {
  neighbors: { type: 'string' },
  components: { type: 'string' },
  'min-dist': { type: 'string' },
  epochs: { type: 'string' },
  'negative-samples': { type: 'string' },
  seed: { type: 'string' },
  'time-unit': { type: 'string' },
  'no-time': { type: 'boolean' },
  'min-cluster-size': { type: 'string' },
  'min-samples': { type: 'string' },
  epsilon: { type: 'string' },
  leaf: { type: 'boolean' },
  'max-topic-share': { type: 'string' },
  clusterer: { type: 'string' },
  'attach-within': { type: 'string' },
  bm25: { type: 'boolean' },
  'reduce-frequent-words': { type: 'boolean' },
  terms: { type: 'string' },
  'window-minutes': { type: 'string' },
  'window-step': { type: 'string' },
  'window-above': { type: 'string' },
} as const;

type PipelineFlagValues = {
  [K in keyof typeof PIPELINE_FLAGS]?: (typeof PIPELINE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string;
};

/**
 * `--clusterer KIND[:key=value,...]`, e.g. `kmeans:k=12,seed=7`: the kind and its parameters, values read as numbers
 * or booleans where they are ones. Generic on purpose: a new clusterer kind needs no new flag; its schema checks the
 * keys (an unknown one is an error naming it).
 */
function clustererFromFlag(value: string): Record<string, unknown> {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  if (!(CLUSTERER_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--clusterer: unknown kind "${kind}" (one of: ${CLUSTERER_KINDS.join(', ')})`);
  const choice: Record<string, unknown> = { kind };
  for (const pair of colon < 0 ? [] : value.slice(colon + 1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--clusterer: expected KIND[:key=value,...], got "${value}"`);
    const raw = pair.slice(eq + 1);
    choice[pair.slice(0, eq)] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return choice;
}

/** The pipeline parameters the flags ask for, validated; a bad value is a UsageError naming its flag. */
export function pipelineParamsFromFlags(values: PipelineFlagValues): TopicPipelineParams {
  const num = (flag: keyof PipelineFlagValues) =>
    values[flag] === undefined ? undefined : numberFlag(values[flag] as string, flag, 0);
  if (values['window-step'] !== undefined && values['window-minutes'] === undefined)
    throw new UsageError('--window-step needs --window-minutes');
  const windowMinutes = num('window-minutes');
  const windowAbove = values['window-above'];
  if (windowAbove !== undefined && windowAbove !== 'off' && !/^\d+$/.test(windowAbove))
    throw new UsageError(`--window-above: expected a number of messages or "off", got "${windowAbove}"`);
  const input: TopicPipelineParamsInput = {
    umap: {
      nNeighbors: num('neighbors'),
      nComponents: num('components'),
      minDist: num('min-dist'),
      nEpochs: num('epochs'),
      negativeSampleRate: num('negative-samples'),
      seed: num('seed'),
    },
    time: { enabled: values['no-time'] ? false : undefined, unitSeconds: num('time-unit') },
    hdbscan: {
      minClusterSize: num('min-cluster-size'),
      minSamples: num('min-samples'),
      clusterSelectionEpsilon: num('epsilon'),
      clusterSelectionMethod: values.leaf ? 'leaf' : undefined,
      maxClusterShare: num('max-topic-share'),
    },
    ...(values.clusterer === undefined
      ? {}
      : { clusterer: clustererFromFlag(values.clusterer) as TopicPipelineParamsInput['clusterer'] }),
    outliers: { attachWithin: num('attach-within') },
    labels: {
      weighting: values.bm25 ? 'bm25' : undefined,
      reduceFrequentWords: values['reduce-frequent-words'] ? true : undefined,
      topTerms: num('terms'),
    },
    longStream: {
      windowAboveMessages: windowAbove === undefined ? undefined : windowAbove === 'off' ? null : Number(windowAbove),
    },
    // Absent unless asked for: the parameters (and the analysis) stay exactly what they were without the flags.
    ...(windowMinutes === undefined
      ? {}
      : { window: { minutes: windowMinutes, stepMinutes: num('window-step') ?? windowMinutes / 2 } }),
  };
  const parsed = TopicPipelineParamsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`invalid pipeline parameter ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

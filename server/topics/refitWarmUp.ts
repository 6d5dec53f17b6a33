import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { Mulberry32 } from '../../models/random';
import type { RefitJob } from './Refitter';

/** Groups of the synthetic window: each a subject of its own, in a stretch of stream time of its own. */
const SUBJECTS = [
  ['boss', 'final', 'dur', 'mort'],
  ['pizza', 'ananas', 'jamais', 'toujours'],
  ['match', 'but', 'arbitre', 'penalty'],
  ['salut', 'bonjour', 'coucou', 'chat'],
];

/**
 * A small synthetic refit (a few hundred messages in four subjects, with the live defaults) for a new refit worker to
 * run before its first real one. A thread's first refit runs its code cold: on a busy machine the first refits of a
 * fast replay took 3-5x longer than the later ones of the same size (a 47-message window 0.8 s, then 0.2 s), and at
 * x100 each of those seconds is more than a stream minute of lag.
 *
 * @param options.messages messages of the window (default 300)
 * @param options.dim vector size (default 256, the bag-of-words'; the code a refit runs is the same for any size)
 * @example runRefitJob(warmUpJob(), neighbours).catch(() => undefined); // before the worker's first job
 */
export function warmUpJob(options: { messages?: number; dim?: number } = {}): RefitJob {
  const { messages = 300, dim = 256 } = options;
  const random = Mulberry32.fromSeed(14);
  const centres = SUBJECTS.map(() => Float32Array.from({ length: dim }, () => random.normal()));
  const vectors = new Float32Array(messages * dim);
  const elapsed = new Float64Array(messages);
  const texts: string[] = [];
  for (let i = 0; i < messages; i++) {
    const subject = Math.floor((i * SUBJECTS.length) / messages);
    const centre = centres[subject]!;
    for (let d = 0; d < dim; d++) vectors[i * dim + d] = centre[d]! + 0.3 * random.normal();
    elapsed[i] = i * 2;
    const words = SUBJECTS[subject]!;
    texts.push(`${words[random.intBelow(words.length)]} ${words[random.intBelow(words.length)]} ${i % 7}`);
  }
  return {
    vectors,
    dim,
    elapsed,
    texts,
    emotes: texts.map(() => []),
    params: TopicPipelineParamsSchema.parse({}),
    silhouetteSamplePerTopic: 100,
  };
}

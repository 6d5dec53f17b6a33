import pino from 'pino';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import type { ChatLine } from '../../contracts/socket-events';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import type { Embedder } from '../../models/embedding/Embedder';
import { jsNeighbourSearch, type ClusteringResult } from '../../models/topics/pipeline';
import { simulateChat } from '../simulator';
import { InProcessRefitter, runRefitJob } from './InProcessRefitter';
import { refitJob, type RefitJob } from './Refitter';
import type { WindowEntry } from './TopicWindow';

/** Test helpers shared by the topic engine's parts: simulated chat, window entries, a real refit, gates. */

export const silent = pino({ level: 'silent' });
export const fastParams = TopicPipelineParamsSchema.parse({ umap: { nEpochs: 60 } });

/** Engine settings under which refits happen only when a test asks for one (after 100 messages). */
export const manualRefitSettings = {
  windowMinutes: 10,
  windowMessages: 10_000,
  refitSeconds: 3600,
  refitStreamSeconds: Infinity,
  refitNewShare: Infinity,
  minMessages: 100,
} as const;

/** Four simulated minutes of one channel's chat, numbered from 1. */
export const chatLines: ChatLine[] = [
  ...simulateChat({ seed: 11, ratePerSecond: 6, streamId: 's', startedAt: 0, minutes: 4, channel: 'demo' }),
].map((message, i) => ({ seq: i + 1, message }));

/** Lines the engine clusters (no bot, command, deleted or empty message), up to `seconds` of stream time. */
export function clusterable(seconds: number, from = 0): ChatLine[] {
  return chatLines.filter(
    (l) =>
      l.message.elapsed >= from &&
      l.message.elapsed < seconds &&
      !l.message.deleted &&
      !l.message.flags.bot &&
      !l.message.flags.command &&
      l.message.text.trim() !== '',
  );
}

/** Window entries of lines, embedded by bag-of-words. */
export async function entriesOf(lines: readonly ChatLine[]): Promise<WindowEntry[]> {
  const vectors = await new BagOfWordsEmbedder().embed(lines.map((l) => l.message.text));
  return lines.map((l, i) => ({
    seq: l.seq,
    id: l.message.id,
    text: l.message.text,
    user: l.message.user.login,
    elapsed: l.message.elapsed,
    emotes: [],
    vector: vectors[i]!,
    topic: null,
    moment: null,
    fitted: false,
  }));
}

/** A refit of entries in this thread. */
export function refitOf(entries: readonly WindowEntry[], params = fastParams): Promise<ClusteringResult> {
  return runRefitJob(refitJob(entries, params, { silhouetteSamplePerTopic: 20 }), jsNeighbourSearch);
}

/** A promise to wait on and the function that releases it. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Bag-of-words whose calls can be held until released; `cut` shortens the vectors (another model's dimension). */
export class HeldEmbedder implements Embedder {
  held: Promise<void> | null = null;
  readonly calls: string[][] = [];
  private readonly bow = new BagOfWordsEmbedder();
  readonly id: string;
  readonly dimension: number;
  constructor(private readonly cut?: number) {
    this.id = cut === undefined ? this.bow.id : `bow-cut${cut}`;
    this.dimension = cut ?? this.bow.dimension;
  }
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    if (this.held) await this.held;
    const vectors = await this.bow.embed(texts);
    return this.cut === undefined ? vectors : vectors.map((v) => v.slice(0, this.cut));
  }
  close(): Promise<void> {
    return this.bow.close();
  }
}

/** The in-process refitter, whose results can be held back; it records every job it was given. */
export class HeldRefitter extends InProcessRefitter {
  held: Promise<void> | null = null;
  readonly jobs: RefitJob[] = [];
  override async refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult> {
    this.jobs.push(job);
    const result = await super.refit(job, signal);
    if (this.held) await this.held;
    return result;
  }
}

import path from 'node:path';
import type { ChatMessage } from '../../contracts/chat';
import type { TrainingCorpusSpec } from '../../contracts/training';
import type { CorpusMessage } from '../../models/training/data/CorpusMessage';
import { preprocessChat } from '../../models/tokenizer';
import { loadChatFileForAnalysis } from '../analysis/loadAnalysisInput';
import { exclusionReason, type ExclusionCounts } from '../analysis/selectClusterable';
import type { Archive } from '../archive/Archive';
import { ImportFormatError } from '../errors';
import { createChatSimulator } from '../simulator';
import { TrainingCorpusError } from './errors';

/** Messages per second of the simulator text (its topics and bursts depend on it; any chat-like rate will do). */
const SIMULATOR_RATE = 8;
/** Where simulated streams start (fixed, so the same seed gives the same corpus, times included). */
const SIMULATOR_START_MS = Date.UTC(2024, 0, 1);

export interface TrainingCorpusDeps {
  /** The archive to read streams from; required when the spec uses the archive. */
  archive?: Archive;
  /** Logins flagged `bot` in chat files. */
  botNames: readonly string[];
  /** Where relative file paths are resolved. */
  cwd: string;
}

/** What went into a training corpus. */
export interface TrainingCorpus {
  messages: CorpusMessage[];
  counts: {
    /** Messages kept, per source. */
    archive: number;
    files: number;
    simulator: number;
    /** Archived streams and files read. */
    streams: number;
    /** Messages left out, by reason (same rules as topics: deleted, bots, commands, empty). */
    excluded: ExclusionCounts;
  };
  /** Lines of chat files that could not be read, as `<file>: line N: reason` (the good lines were kept). */
  issues: string[];
}

/**
 * Builds the corpus of a training job from archived streams (filtered by channel and by stream start), chat files
 * (any import format, moderation applied as on import) and simulator text. Messages that topics leave out
 * (deleted, bots, `!commands`, empty) are left out and counted; the rest are preprocessed as at inference
 * (`preprocessChat`: mentions and URLs become `<mention>` / `<url>`). Archive streams come oldest first, then the
 * files in the order given, then the simulator.
 *
 * @param spec the job's corpus (`TrainingJobRequest.corpus`)
 * @throws TrainingCorpusError naming the file when a chat file cannot be read at all (unreadable, unknown format,
 *   no message), or when `spec.archive` is true and no archive is given, or when the corpus is empty
 * @example
 * const corpus = await loadTrainingCorpus({ channels: ['zerator'], from: '2024-01-01T00:00:00Z' }, { archive, botNames, cwd });
 * corpus.counts; // { archive: 48211, files: 0, simulator: 0, streams: 3, excluded: { deleted: 12, bot: 803, ... } }
 */
export async function loadTrainingCorpus(spec: TrainingCorpusSpec, deps: TrainingCorpusDeps): Promise<TrainingCorpus> {
  const messages: CorpusMessage[] = [];
  const excluded: ExclusionCounts = { deleted: 0, bot: 0, command: 0, empty: 0 };
  const counts: TrainingCorpus['counts'] = { archive: 0, files: 0, simulator: 0, streams: 0, excluded };
  const issues: string[] = [];
  const keep = (m: ChatMessage, stream: string): boolean => {
    const reason = exclusionReason(m);
    if (reason !== null) {
      excluded[reason]++;
      return false;
    }
    const text = preprocessChat(m.text).trim();
    if (text === '') {
      excluded.empty++;
      return false;
    }
    messages.push({ text, timeMs: m.ts, stream });
    return true;
  };

  const files = spec.files ?? [];
  // Asked for explicitly, the archive must be there; by default (no files given) a missing one is just no streams.
  if (spec.archive === true && !deps.archive) throw new TrainingCorpusError('training corpus: archived streams were asked for but there is no archive');
  if (deps.archive && (spec.archive ?? files.length === 0)) {
    const from = spec.from === undefined ? -Infinity : Date.parse(spec.from);
    const to = spec.to === undefined ? Infinity : Date.parse(spec.to);
    const channels = spec.channels && spec.channels.length > 0 ? new Set(spec.channels.map((c) => c.toLowerCase())) : null;
    const streams = deps.archive
      .listStreams()
      .filter((s) => (channels === null || channels.has(s.channel)) && s.startedAt >= from && s.startedAt < to)
      .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
    for (const stream of streams) {
      counts.streams++;
      for (const m of deps.archive.iterateMessages(stream.id)) if (keep(m, `archive:${stream.id}`)) counts.archive++;
    }
  }

  for (const [i, file] of files.entries()) {
    let input;
    try {
      input = await loadChatFileForAnalysis(path.resolve(deps.cwd, file), { botNames: deps.botNames });
    } catch (err) {
      if (err instanceof ImportFormatError) throw new TrainingCorpusError(`training corpus: ${file}: ${err.message}`, file, { cause: err });
      throw err;
    }
    counts.streams++;
    issues.push(...input.issues.map((issue) => `${file}: ${issue}`));
    for (const m of input.messages) if (keep(m, `file:${i}:${path.basename(file)}`)) counts.files++;
  }

  const wanted = spec.simulatorMessages ?? 0;
  if (wanted > 0) {
    const seed = spec.simulatorSeed ?? 1;
    const sim = createChatSimulator({ seed, ratePerSecond: SIMULATOR_RATE, streamId: `training-sim-${seed}`, startedAt: SIMULATOR_START_MS });
    // Bots and commands are generated too and left out: draw until `wanted` messages are kept.
    while (counts.simulator < wanted) if (keep(sim.next(), `simulator:${seed}`)) counts.simulator++;
  }

  if (messages.length === 0) {
    throw new TrainingCorpusError(`training corpus: no messages (${describeSpec(spec)}); choose other channels or dates, add files or simulator text`);
  }
  return { messages, counts, issues };
}

function describeSpec(spec: TrainingCorpusSpec): string {
  const parts: string[] = [];
  if (spec.channels?.length) parts.push(`channels ${spec.channels.join(', ')}`);
  if (spec.from) parts.push(`from ${spec.from}`);
  if (spec.to) parts.push(`to ${spec.to}`);
  if (spec.files?.length) parts.push(`${spec.files.length} file(s)`);
  if (spec.simulatorMessages) parts.push(`${spec.simulatorMessages} simulator messages`);
  return parts.length > 0 ? parts.join(', ') : 'every archived stream';
}

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
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

/** Where the messages of a line file start, and how far apart consecutive lines are put (two a second: chat-like). */
const LINES_START_MS = Date.UTC(2024, 0, 1);
const LINE_SPACING_MS = 500;
/** A bot command line ("!uptime"): left out as in chat files. */
const LINE_COMMAND = /^!\p{L}/u;

/**
 * The lines of a plain (or gzip) text file.
 * @throws TrainingCorpusError naming the file when it cannot be read
 */
async function* readLines(file: string, shown: string): AsyncGenerator<string> {
  let input: NodeJS.ReadableStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    const raw = fs.createReadStream(file);
    input = file.endsWith('.gz') ? raw.pipe(zlib.createGunzip()) : raw;
  } catch (err) {
    throw new TrainingCorpusError(
      `training corpus: ${shown}: cannot read the line file (${(err as Error).message})`,
      shown,
      { cause: err },
    );
  }
  try {
    yield* readline.createInterface({ input, crlfDelay: Infinity });
  } catch (err) {
    throw new TrainingCorpusError(`training corpus: ${shown}: ${(err as Error).message}`, shown, { cause: err });
  }
}

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
    /** Messages kept from plain line files. */
    lines: number;
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
 * (any import format, moderation applied as on import), plain line files (one message a line, no time: consecutive
 * lines are put 0.5 s apart so pretraining windows are runs of lines) and simulator text. Messages that topics leave out
 * (deleted, bots, `!commands`, empty) are left out and counted; the rest are preprocessed as at inference
 * (`preprocessChat`: mentions and URLs become `<mention>` / `<url>`). Archive streams come oldest first, then the
 * files in the order given, then the line files, then the simulator.
 *
 * @param spec the job's corpus (`TrainingJobRequest.corpus`)
 * @throws TrainingCorpusError naming the file when a chat file cannot be read at all (unreadable, unknown format,
 *   no message), or when `spec.archive` is true and no archive is given, or when the corpus is empty
 * @example
 * const corpus = await loadTrainingCorpus({ channels: ['zerator'], from: '2024-01-01T00:00:00Z' }, { archive, botNames, cwd });
 * corpus.counts; // { archive: 48211, files: 0, lines: 0, simulator: 0, streams: 3, excluded: { deleted: 12, bot: 803, ... } }
 */
export async function loadTrainingCorpus(spec: TrainingCorpusSpec, deps: TrainingCorpusDeps): Promise<TrainingCorpus> {
  const messages: CorpusMessage[] = [];
  const excluded: ExclusionCounts = { deleted: 0, bot: 0, command: 0, empty: 0 };
  const counts: TrainingCorpus['counts'] = { archive: 0, files: 0, lines: 0, simulator: 0, streams: 0, excluded };
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
  const lineFiles = spec.lineFiles ?? [];
  // Asked for explicitly, the archive must be there; by default (no files given) a missing one is just no streams.
  if (spec.archive === true && !deps.archive)
    throw new TrainingCorpusError('training corpus: archived streams were asked for but there is no archive');
  if (deps.archive && (spec.archive ?? files.length + lineFiles.length === 0)) {
    const from = spec.from === undefined ? -Infinity : Date.parse(spec.from);
    const to = spec.to === undefined ? Infinity : Date.parse(spec.to);
    const channels =
      spec.channels && spec.channels.length > 0 ? new Set(spec.channels.map((c) => c.toLowerCase())) : null;
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
      if (err instanceof ImportFormatError)
        throw new TrainingCorpusError(`training corpus: ${file}: ${err.message}`, file, { cause: err });
      throw err;
    }
    counts.streams++;
    issues.push(...input.issues.map((issue) => `${file}: ${issue}`));
    for (const m of input.messages) if (keep(m, `file:${i}:${path.basename(file)}`)) counts.files++;
  }

  for (const [i, file] of lineFiles.entries()) {
    const stream = `lines:${i}:${path.basename(file)}`;
    let n = 0;
    for await (const line of readLines(path.resolve(deps.cwd, file), file)) {
      const text = line.trim();
      if (text === '') {
        excluded.empty++;
        continue;
      }
      if (LINE_COMMAND.test(text)) {
        excluded.command++;
        continue;
      }
      const kept = preprocessChat(text).trim();
      if (kept === '') {
        excluded.empty++;
        continue;
      }
      messages.push({ text: kept, timeMs: LINES_START_MS + n++ * LINE_SPACING_MS, stream });
      counts.lines++;
    }
    counts.streams++;
  }

  const wanted = spec.simulatorMessages ?? 0;
  if (wanted > 0) {
    const seed = spec.simulatorSeed ?? 1;
    const sim = createChatSimulator({
      seed,
      ratePerSecond: SIMULATOR_RATE,
      streamId: `training-sim-${seed}`,
      startedAt: SIMULATOR_START_MS,
    });
    // Bots and commands are generated too and left out: draw until `wanted` messages are kept.
    while (counts.simulator < wanted) if (keep(sim.next(), `simulator:${seed}`)) counts.simulator++;
  }

  if (messages.length === 0) {
    throw new TrainingCorpusError(
      `training corpus: no messages (${describeSpec(spec)}); choose other channels or dates, add files or simulator text`,
    );
  }
  return { messages, counts, issues };
}

function describeSpec(spec: TrainingCorpusSpec): string {
  const parts: string[] = [];
  if (spec.channels?.length) parts.push(`channels ${spec.channels.join(', ')}`);
  if (spec.from) parts.push(`from ${spec.from}`);
  if (spec.to) parts.push(`to ${spec.to}`);
  if (spec.files?.length) parts.push(`${spec.files.length} file(s)`);
  if (spec.lineFiles?.length) parts.push(`${spec.lineFiles.length} line file(s)`);
  if (spec.simulatorMessages) parts.push(`${spec.simulatorMessages} simulator messages`);
  return parts.length > 0 ? parts.join(', ') : 'every archived stream';
}

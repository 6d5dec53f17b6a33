import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import type { CliCommand, CliContext } from '../CliContext';
import { numberFlag, parseFlags } from '../parseFlags';
import { UsageError } from '../../errors';
import { TWITCH_LOGIN } from '../../ingest/twitchLogin';
import { writeSimulationJsonl } from '../../simulator/writeSimulationJsonl';
import type { SimulateChatOptions } from '../../simulator/ChatSimulator';

/** Fixed default start (so the same flags give the same file): 2025-01-06 20:00 Paris. */
const DEFAULT_START = Date.UTC(2025, 0, 6, 19, 0, 0);

const USAGE = `Usage: chat-topics simulate [--minutes M] [--rate R] [--seed S] [--channel C] [--out file.jsonl]

Generates a simulated French Twitch chat with planted topics (ground truth in each message's "topic") as JSONL.

Options:
  --minutes M      length of the stream in minutes (default 30)
  --rate R         average messages per second (default 5)
  --seed S         integer seed; the same flags always give the same output (default 1)
  --channel C      channel login (default demo)
  --stream-id ID   stream id (default sim-<channel>-<seed>)
  --start T        stream start, ISO date or epoch ms (default ${new Date(DEFAULT_START).toISOString()})
  --out FILE       write to FILE instead of stdout`;

/** Parses the flags into simulator options. @throws UsageError naming the bad flag. */
export function parseSimulateFlags(argv: string[]): SimulateChatOptions & { out: string | null } {
  const { values, positionals } = parseFlags(argv, {
    minutes: { type: 'string' },
    rate: { type: 'string' },
    seed: { type: 'string' },
    channel: { type: 'string' },
    'stream-id': { type: 'string' },
    start: { type: 'string' },
    out: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const minutes = numberFlag(values.minutes, 'minutes', 30);
  if (!(minutes > 0)) throw new UsageError(`--minutes: expected a positive number, got "${values.minutes}"`);
  const rate = numberFlag(values.rate, 'rate', 5);
  if (!(rate > 0) || rate > 100_000)
    throw new UsageError(`--rate: expected a number of messages per second in (0, 100000], got "${values.rate}"`);
  const seed = numberFlag(values.seed, 'seed', 1);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed: expected an integer, got "${values.seed}"`);
  const channel = (values.channel ?? 'demo').replace(/^#/, '').toLowerCase();
  if (!TWITCH_LOGIN.test(channel))
    throw new UsageError(`--channel: expected a Twitch login ([a-z0-9_], 1-25 chars), got "${values.channel}"`);
  const streamId = values['stream-id'] ?? `sim-${channel}-${seed}`;
  if (streamId.trim() === '') throw new UsageError('--stream-id: must not be empty');
  let startedAt = DEFAULT_START;
  if (values.start !== undefined) {
    startedAt = /^\d+$/.test(values.start) ? Number(values.start) : Date.parse(values.start);
    if (!Number.isFinite(startedAt))
      throw new UsageError(`--start: expected an ISO date or epoch milliseconds, got "${values.start}"`);
  }
  if (values.out === '') throw new UsageError('--out: expected a file name');
  return { minutes, ratePerSecond: rate, seed, channel, streamId, startedAt, out: values.out ?? null };
}

/** `chat-topics simulate`: writes a simulated chat stream as JSONL to stdout or a file. */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'generate a simulated French chat with planted topics (JSONL)',
  usage: USAGE,
  async run(ctx: CliContext): Promise<number> {
    const { out, ...options } = parseSimulateFlags(ctx.argv);
    if (out === null) {
      await writeSimulationJsonl(options, ctx.stdout);
      return 0;
    }
    const file = path.resolve(ctx.cwd, out);
    const stream = createWriteStream(file);
    const done = finished(stream);
    try {
      const { messages } = await writeSimulationJsonl(options, stream);
      stream.end();
      await done;
      ctx.stderr.write(`simulate: wrote ${messages} messages to ${out}\n`);
      return 0;
    } catch (err) {
      stream.destroy();
      await done.catch(() => undefined);
      throw err;
    }
  },
};

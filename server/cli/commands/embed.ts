import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { canEmbedIds, type Embedder } from '../../../models/embedding/Embedder';
import { createEmbedder, type CreatedEmbedder } from '../../../models/embedding/createEmbedder';
import { EmbedService } from '../../../models/embedding/EmbedService';
import type { AppConfig } from '../../config/loadConfig';
import { loadConfig } from '../../config/loadConfig';
import { EmbedCommandError } from '../../embed/errors';
import { lineChunks } from '../../embed/lineChunks';
import { readTokenIdsFile, type TokenIdsInput } from '../../embed/readTokenIdsFile';
import { vectorLines, writeWithBackpressure } from '../../embed/writeWithBackpressure';
import { UsageError } from '../../errors';
import type { CliCommand } from '../CliContext';
import { embedServiceOptions } from '../../embed/startConfiguredEmbedder';
import { numberFlag, parseFlags } from '../parseFlags';

/** Most lines (or id rows) read ahead of the output: bounds memory on inputs of any size. */
const CHUNK = 1024;

const USAGE = `Usage: chat-topics embed [--model M] [--input FILE] [--output FILE] [--ids FILE.json] [--threads N]

Embeds chat messages, one per line (UTF-8; stdin by default), and writes one JSON line per message,
{"index": i, "text": "…", "vector": […]}, to stdout or --output. Vectors are float32 values written in full.
Identical messages (after NFKC and whitespace folding) are embedded once. The input is read as it comes, in
chunks: any length fits in memory.

With --ids, embeds token-id sequences instead: a JSON file holding a list of id lists, or
{"input_ids": [[…]], "attention_mask": [[…]], "token_type_ids": [[…]]} (rows cut to their mask). Writes
{"index": i, "vector": […]}. Needs a model directory (the bag-of-words baseline and remote servers take text).

Options:
  --model M                 a shipped model's name, a model directory, bow, or an embed server URL
                            (default chat-topics-fr-small; env CHAT_TOPICS_EMBED_MODEL)
  --input FILE              messages, one per line (default stdin)
  --output FILE             where to write the JSON lines (default stdout)
  --ids FILE.json           embed token ids from FILE.json instead of text
  --threads N               ONNX Runtime threads of a model (default 2; env CHAT_TOPICS_EMBED_THREADS)
  --execution-provider P    cpu, cuda or auto (default cpu; env CHAT_TOPICS_EMBED_EXECUTION_PROVIDER)
  --max-batch N             most messages per model call (default 64; env CHAT_TOPICS_EMBED_MAX_BATCH)
A remote server's bearer token comes from CHAT_TOPICS_EMBED_TOKEN.`;

/** `chat-topics embed`: messages (or token ids) in, JSON lines of vectors out. */
export const embedCommand: CliCommand = {
  name: 'embed',
  summary: 'embed chat messages (one per line) or token ids into JSON lines of vectors',
  usage: USAGE,
  async run(ctx) {
    const { values, positionals } = parseFlags(ctx.argv, {
      model: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      ids: { type: 'string' },
      threads: { type: 'string' },
      'execution-provider': { type: 'string' },
      'max-batch': { type: 'string' },
    });
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument "${positionals[0]}" (messages come from --input or stdin)`);
    if (values.ids !== undefined && values.input !== undefined)
      throw new UsageError('--ids and --input exclude each other');
    const config = loadConfig(
      {
        embedModel: values.model,
        embedThreads: values.threads === undefined ? undefined : numberFlag(values.threads, 'threads', 0),
        embedExecutionProvider: values['execution-provider'],
        embedMaxBatch: values['max-batch'] === undefined ? undefined : numberFlag(values['max-batch'], 'max-batch', 0),
      },
      ctx.env,
    );
    const ids = values.ids === undefined ? null : readTokenIdsFile(path.resolve(ctx.cwd, values.ids));
    if (ids !== null && config.embedModel === 'bow') {
      throw new UsageError(
        '--ids: the bag-of-words baseline embeds text, not token ids; pass --model <model directory>',
      );
    }
    const input = values.input === undefined ? null : openInput(path.resolve(ctx.cwd, values.input), values.input);
    let created: CreatedEmbedder;
    try {
      created = await createEmbedder(config.embedModel, {
        cwd: ctx.cwd,
        threads: config.embedThreads,
        executionProvider: config.embedExecutionProvider,
        maxBatchSize: config.embedMaxBatch,
        token: config.embedToken,
      });
    } catch (err) {
      input?.destroy();
      throw err;
    }
    ctx.stderr.write(`embed: ${created.description}\n`);
    const outFile = values.output === undefined ? null : path.resolve(ctx.cwd, values.output);
    const out: Writable = outFile === null ? ctx.stdout : fs.createWriteStream(outFile);
    try {
      const count =
        ids !== null
          ? await writeIdVectors(created.embedder, ids, out)
          : await writeTextVectors(created.embedder, config, input ?? ctx.stdin, out);
      if (outFile !== null) {
        out.end();
        await finished(out);
        ctx.stderr.write(`embed: wrote ${count} vectors to ${values.output}\n`);
      }
      return 0;
    } catch (err) {
      if (outFile !== null) {
        out.destroy();
        fs.rmSync(outFile, { force: true }); // no half file that looks complete
      }
      throw err;
    } finally {
      input?.destroy();
      await created.embedder.close();
    }
  },
};

function openInput(file: string, shown: string): Readable {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--input: no such file "${shown}"`);
  return fs.createReadStream(file);
}

/**
 * Texts through an {@link EmbedService} (cache, deduplication, batching), one chunk of lines ahead: the next chunk
 * is being embedded while the previous one is written.
 */
async function writeTextVectors(
  embedder: Embedder,
  config: AppConfig,
  input: Readable,
  out: Writable,
): Promise<number> {
  const service = new EmbedService(embedder, embedServiceOptions(config, 'wait'));
  const chunk = Math.min(CHUNK, config.embedQueueLimit);
  let written: Promise<void> = Promise.resolve();
  let count = 0;
  for await (const lines of lineChunks(input, chunk)) {
    const first = count;
    count += lines.length;
    const vectors = service.embed(lines);
    vectors.catch(() => undefined); // observed below, once the previous chunk is written
    await written;
    written = vectors.then((v) => writeWithBackpressure(out, vectorLines(first, v, lines)));
  }
  await written;
  return count;
}

async function writeIdVectors(embedder: Embedder, input: TokenIdsInput, out: Writable): Promise<number> {
  if (!canEmbedIds(embedder)) {
    throw new EmbedCommandError(
      `--ids: ${embedder.id} takes text only (a remote embed server); pass --model <model directory>`,
    );
  }
  const { sequences, typeIds } = input;
  for (let start = 0; start < sequences.length; start += CHUNK) {
    const rows = sequences.slice(start, start + CHUNK);
    const vectors = await embedder.embedIds(rows, typeIds?.slice(start, start + CHUNK));
    await writeWithBackpressure(out, vectorLines(start, vectors, null));
  }
  return sequences.length;
}

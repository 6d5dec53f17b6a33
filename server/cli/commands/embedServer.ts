import { EmbedService } from '../../../models/embedding/EmbedService';
import { loadConfig } from '../../config/loadConfig';
import { closeOnSignals } from '../../shutdown';
import { createEmbedServer, DEFAULT_MAX_INPUTS, listenEmbedServer } from '../../embed/createEmbedServer';
import { EmbedCommandError } from '../../embed/errors';
import { isLoopbackHost } from '../../embed/isLoopbackHost';
import { UsageError } from '../../errors';
import { createLogger, type Logger } from '../../logger';
import { startConfiguredEmbedder } from '../../embed/startConfiguredEmbedder';
import type { CliCommand, CliContext } from '../CliContext';
import { numberFlag, parseFlags } from '../parseFlags';

const USAGE = `Usage: chat-topics embed-server [--model M] [--port N] [--host H] [--token T] [options]

Serves an embedder over HTTP for other machines or processes (a GPU box embedding for a CPU dashboard):
  POST /v1/embeddings  {"input": string | string[]}  ->  {"object": "list", "model", "dimension", "data": [{"index", "embedding"}]}
  GET  /v1/models      ->  {"id", "dimension", "executionProvider", "maxInputs"}
Requests go through a cache, dynamic batching and a bounded queue; when the queue is full the server answers 503
with Retry-After. Stops cleanly on Ctrl-C / SIGTERM.

Options (settings also read from the environment):
  --model M                 a shipped model's name, a model directory, or bow
                            (default chat-topics-fr-small; env CHAT_TOPICS_EMBED_MODEL)
  --port N                  port (default 8081; 0 = any free port)
  --host H                  interface (default 127.0.0.1); any other than loopback needs a token
  --token T                 bearer token clients must send (env CHAT_TOPICS_EMBED_TOKEN, better: flags show in
                            the process list)
  --threads N               ONNX Runtime threads (default 2; env CHAT_TOPICS_EMBED_THREADS)
  --execution-provider P    cpu, cuda or auto (default cpu; env CHAT_TOPICS_EMBED_EXECUTION_PROVIDER)
  --max-batch N             most messages per model call (default 64; env CHAT_TOPICS_EMBED_MAX_BATCH)
  --max-wait-ms N           longest wait for a batch to fill (default 5; env CHAT_TOPICS_EMBED_MAX_WAIT_MS)
  --queue-limit N           most messages waiting (default 4096; env CHAT_TOPICS_EMBED_QUEUE_LIMIT)
  --cache-size N            vectors cached (default 50000; env CHAT_TOPICS_EMBED_CACHE_SIZE)
  --log-level L             fatal|error|warn|info|debug|trace|silent (default warn)`;

/** A started embed server, as the command runs it. */
export interface StartedEmbedServer {
  url: string;
  service: EmbedService;
  logger: Logger;
  /** Stops the HTTP server, then the embedder (worker included). */
  close(): Promise<void>;
}

/**
 * Everything `chat-topics embed-server` does before it waits for signals: reads flags and settings, refuses an
 * exposed server without a token, builds the embedder and the service, listens, prints the URL and what it serves.
 * @throws UsageError for bad flags or a non-loopback host without a token; the embedder's own error (an
 *   `EmbeddingError`, `ModelFormatError`...) when it cannot start; EmbedCommandError when the port cannot be bound
 */
export async function startEmbedServerCommand(ctx: CliContext): Promise<StartedEmbedServer> {
  const { values, positionals } = parseFlags(ctx.argv, {
    model: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    threads: { type: 'string' },
    'execution-provider': { type: 'string' },
    'max-batch': { type: 'string' },
    'max-wait-ms': { type: 'string' },
    'queue-limit': { type: 'string' },
    'cache-size': { type: 'string' },
    'log-level': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = numberFlag(values.port, 'port', 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: expected an integer in [0, 65535], got "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const config = loadConfig(
    {
      embedModel: values.model,
      embedToken: values.token,
      embedThreads: values.threads,
      embedExecutionProvider: values['execution-provider'],
      embedMaxBatch: values['max-batch'],
      embedMaxWaitMs: values['max-wait-ms'],
      embedQueueLimit: values['queue-limit'],
      embedCacheSize: values['cache-size'],
      logLevel: values['log-level'],
    },
    ctx.env,
  );
  const token = config.embedToken || undefined;
  if (token === undefined && !isLoopbackHost(host)) {
    throw new UsageError(
      `--host ${host}: refusing to serve beyond this machine without a token (set CHAT_TOPICS_EMBED_TOKEN or --token)`,
    );
  }
  if (/^https?:\/\//i.test(config.embedModel)) {
    throw new UsageError(
      `--model: an embed server serves a local embedder (bow or a model directory), not ${config.embedModel}`,
    );
  }
  const logger = createLogger(config.logLevel);
  const configured = await startConfiguredEmbedder(config, { overload: 'reject', cwd: ctx.cwd });
  const { service } = configured;
  const server = createEmbedServer({
    embedder: service,
    logger,
    token,
    executionProvider: configured.executionProvider,
    maxInputs: Math.min(DEFAULT_MAX_INPUTS, config.embedQueueLimit),
  });
  let running;
  try {
    running = await listenEmbedServer(server, port, host);
  } catch (err) {
    await service.close();
    throw new EmbedCommandError(
      `cannot listen on ${host}:${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  logger.info({ url: running.url, model: configured.info.description }, 'embed server listening');
  ctx.stdout.write(
    `chat-topics: embed server at ${running.url}\n` +
      `  model: ${configured.info.description}\n` +
      `  POST ${running.url}/v1/embeddings, GET ${running.url}/v1/models; ${token ? 'bearer token required' : 'no token (this machine only)'}\n`,
  );
  return {
    url: running.url,
    service,
    logger,
    close: async () => {
      await running.close();
      await service.close();
    },
  };
}

/** `chat-topics embed-server`: the embedder over HTTP until SIGINT / SIGTERM. */
export const embedServerCommand: CliCommand = {
  name: 'embed-server',
  summary: 'serve an embedder over HTTP (POST /v1/embeddings) for other processes or machines',
  usage: USAGE,
  async run(ctx) {
    const started = await startEmbedServerCommand(ctx);
    closeOnSignals(started.close, started.logger, ctx.stdout, 'chat-topics: embed server stopped');
    return -1;
  },
};

import pino from 'pino';
import type { ChatLine } from '../../contracts/socket-events';
import { SqliteArchive } from '../../server/archive/SqliteArchive';
import { ArchiveWriter } from '../../server/archive/ArchiveWriter';
import { ChatHub } from '../../server/channels/ChatHub';
import type { LivePlatform } from '../../server/ingest/LiveChatSource';
import { LivePlatforms } from '../../server/ingest/LivePlatforms';
import { LiveSources } from '../../server/sources/LiveSources';

/** The live path of the server without its sockets: platforms -> live sources -> hub -> archive (in memory). */
export interface LivePipeline {
  archive: SqliteArchive;
  /** Commits only on `flush()` (or 1,000 messages): tests flush before reading the archive. */
  writer: ArchiveWriter;
  hub: ChatHub;
  live: LiveSources;
  /** Every line the hub published, in order. */
  lines: ChatLine[];
  /** Every message id the hub hid after a moderation event. */
  deleted: string[];
  /** Starts the live sources again on the same archive (a server restart), with these platforms. */
  restart(platforms: readonly LivePlatform[]): LiveSources;
  close(): Promise<void>;
}

/**
 * Builds the live pipeline over the given platforms, as `server/main.ts` wires it.
 * @param options.maxChannels live channels allowed at once (default: no limit)
 */
export function openLivePipeline(
  platforms: readonly LivePlatform[],
  options: { maxChannels?: number } = {},
): LivePipeline {
  const logger = pino({ level: 'silent' });
  const archive = SqliteArchive.open(':memory:');
  const writer = new ArchiveWriter(archive, { batchSize: 1000, flushMs: 60_000 }, logger);
  const lines: ChatLine[] = [];
  const deleted: string[] = [];
  const start = (list: readonly LivePlatform[]) => {
    const hub = new ChatHub(writer, 100);
    hub.listen({ lines: (_channel, l) => lines.push(...l), deleted: (_channel, ids) => deleted.push(...ids) });
    const live = new LiveSources({
      hub,
      archive,
      platforms: new LivePlatforms(list),
      silenceMs: 30 * 60_000,
      logger,
      ...options,
    });
    return { hub, live };
  };
  const pipeline: LivePipeline = {
    archive,
    writer,
    ...start(platforms),
    lines,
    deleted,
    restart: (list) => {
      Object.assign(pipeline, start(list));
      return pipeline.live;
    },
    close: async () => {
      await pipeline.live.close();
      writer.close();
      archive.close();
    },
  };
  return pipeline;
}

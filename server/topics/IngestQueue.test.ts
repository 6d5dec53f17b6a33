import { describe, expect, it } from 'vitest';
import type { ChatLine } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import { EmbedOverloadError } from '../../models/embedding/errors';
import { IngestQueue, type IngestQueueDeps } from './IngestQueue';
import { chatLines, clusterable, gate, HeldEmbedder, silent } from './topicTestFixtures';
import type { WindowEntry } from './TopicWindow';

/**
 * A queue whose sink records what it receives, in order, and whether two batches ever overlapped. Its tests push
 * minutes of chat at once, a replay faster than any: the stream-time wait would sample them, so it is off here.
 */
function queue(deps: Partial<IngestQueueDeps> = {}) {
  const batches: WindowEntry[][] = [];
  const arriving: number[][] = [];
  let inside = 0;
  let overlapped = false;
  const q = new IngestQueue({
    channel: 'demo',
    embedder: new HeldEmbedder(),
    logger: silent,
    shedding: { highWaitStreamSeconds: Infinity },
    sink: {
      arriving: (lines) => arriving.push(lines.map((l) => l.seq)),
      embedded: async (entries) => {
        overlapped ||= inside++ > 0;
        await new Promise((resolve) => setTimeout(resolve, 1));
        batches.push(entries);
        inside--;
      },
    },
    ...deps,
  });
  return { q, batches, arriving, overlapped: () => overlapped };
}

describe('IngestQueue', () => {
  it('counts bot, command, deleted and empty messages by reason and never embeds them', async () => {
    const { q, batches } = queue();
    const lines = chatLines.filter((l) => l.message.elapsed < 60);
    await q.push(lines);
    const sent = lines.map((l) => l.message);
    const counts = q.intake().excluded;
    expect(counts.bot).toBe(sent.filter((m) => !m.deleted && m.flags.bot).length);
    expect(counts.deleted).toBe(sent.filter((m) => m.deleted).length);
    expect(counts.bot + counts.command + counts.deleted).toBeGreaterThan(0);
    const kept = batches.flat().map((e) => e.seq);
    expect(kept.length + counts.bot + counts.command + counts.deleted + counts.empty).toBe(lines.length);
    expect(kept).toEqual(clusterable(60).map((l) => l.seq));
  });

  it('embeds in batches of at most batchSize, one at a time, in arrival order, announcing each before embedding it', async () => {
    const { q, batches, arriving, overlapped } = queue({ batchSize: 16 });
    const lines = clusterable(120);
    await Promise.all(
      Array.from({ length: Math.ceil(lines.length / 5) }, (_, i) => q.push(lines.slice(i * 5, i * 5 + 5))),
    );
    expect(batches.flat().map((e) => e.seq)).toEqual(lines.map((l) => l.seq));
    expect(Math.max(...batches.map((b) => b.length))).toBe(16);
    expect(arriving).toEqual(batches.map((b) => b.map((e) => e.seq)));
    expect(overlapped()).toBe(false);
  });

  it('leaves out and counts as dropped what would exceed maxPending, instead of queueing it', async () => {
    const embedder = new HeldEmbedder();
    const held = gate();
    embedder.held = held.wait;
    const { q, batches } = queue({ embedder, maxPending: 50, batchSize: 10 });
    const lines = clusterable(120).slice(0, 100);
    const pushes = [q.push(lines.slice(0, 40)), q.push(lines.slice(40, 60)), q.push(lines.slice(60, 70))];
    expect(q.pending).toBeLessThanOrEqual(50);
    held.open();
    embedder.held = null;
    await Promise.all(pushes);
    const shed = q.intake().shed.messages;
    expect(q.intake().excluded.dropped).toBeGreaterThan(0);
    expect(batches.flat().length + q.intake().excluded.dropped + shed).toBe(70);
  });

  it('counts a batch the embedder refuses as dropped and goes on with the next', async () => {
    let calls = 0;
    const embedder: Embedder = {
      id: 'flaky',
      dimension: 4,
      embed: async (texts) => {
        if (calls++ === 0) throw new EmbedOverloadError('full', 'queue-full');
        return texts.map(() => new Float32Array(4));
      },
      close: async () => undefined,
    };
    const { q, batches } = queue({ embedder });
    const lines = clusterable(60);
    await q.push(lines.slice(0, 10));
    await q.push(lines.slice(10, 30));
    expect(q.intake().excluded.dropped).toBe(10);
    expect(batches.flat().map((e) => e.seq)).toEqual(lines.slice(10, 30).map((l) => l.seq));
  });

  it('runs a chained step after what was pushed before it and before what is pushed after; a failing step stops nothing', async () => {
    const { q, batches } = queue();
    const lines = clusterable(60);
    const seen: number[] = [];
    const before = q.push(lines.slice(0, 20));
    const failing = q.then(() => {
      throw new Error('step failed');
    }, 'test step failed');
    const step = q.then(() => void seen.push(batches.flat().length), 'test step failed');
    const after = q.push(lines.slice(20, 40));
    await expect(failing).rejects.toThrow('step failed');
    await Promise.all([before, step, after]);
    expect(seen).toEqual([20]);
    expect(batches.flat()).toHaveLength(40);
  });

  it('switches models between batches: earlier messages take the old model, later ones the new, the window is re-embedded', async () => {
    const oldModel = new HeldEmbedder();
    const newModel = new HeldEmbedder(8);
    const { q, batches } = queue({ embedder: oldModel });
    const lines = clusterable(60);
    const window = [
      { id: 'w1', text: 'salut' },
      { id: 'w2', text: 'gg' },
    ].map((w) => ({ ...w, vector: new Float32Array(256) }) as WindowEntry);
    let failed: ReadonlySet<string> | null = null;
    const before = q.push(lines.slice(0, 10));
    const switched = q.switchEmbedder(newModel, {
      begin: () => undefined,
      entries: () => window,
      end: (f) => (failed = f),
    });
    const after = q.push(lines.slice(10, 20));
    await Promise.all([before, switched, after]);
    expect(batches[0]!.every((e) => e.vector.length === 256)).toBe(true);
    expect(batches.at(-1)!.every((e) => e.vector.length === 8)).toBe(true);
    expect(window.every((e) => e.vector.length === 8)).toBe(true);
    expect(failed!.size).toBe(0);
    expect(q.embedder).toBe(newModel);
    expect(oldModel.calls.flat()).toEqual(lines.slice(0, 10).map((l) => l.message.text));
  });

  it('gives the ids of window messages the new model keeps refusing to the engine, and embeds nothing after close', async () => {
    const refusing: Embedder = {
      id: 'refusing',
      dimension: 4,
      embed: () => Promise.reject(new EmbedOverloadError('full', 'queue-full')),
      close: async () => undefined,
    };
    const { q, batches } = queue({ reembedRetries: 2, reembedRetryMs: 1 });
    const window = [{ id: 'w1', text: 'salut', vector: new Float32Array(4) } as WindowEntry];
    let failed: string[] = [];
    await q.switchEmbedder(refusing, { begin: () => undefined, entries: () => window, end: (f) => (failed = [...f]) });
    expect(failed).toEqual(['w1']);
    await q.close();
    await q.push(clusterable(60).slice(0, 5) as ChatLine[]);
    expect(batches).toHaveLength(0);
  });
});

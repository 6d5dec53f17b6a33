import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import type { ChatMessage } from '../../contracts/chat';
import type { ChatLine, TopicAssignment, TopicsSnapshot } from '../../contracts/socket-events';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { simulateChat } from '../simulator';
import { OnnxCosineKnn } from '../../models/onnx/knn';
import { ChannelTopicEngine, type ChannelTopicSettings, type NeighbourIndexFactory } from './ChannelTopicEngine';
import { exclusionReason } from '../analysis/selectClusterable';
import { InProcessRefitter } from './InProcessRefitter';
import { waitFor } from '../../test/support/waitFor';
import { gate, HeldEmbedder, HeldRefitter, manualRefitSettings } from './topicTestFixtures';
import type { RefitJob } from './Refitter';
import type { WindowEntry } from './TopicWindow';
import type { ClusteringResult } from '../../models/topics/pipeline';

const params = TopicPipelineParamsSchema.parse({ umap: { nEpochs: 60 } });
const messages: ChatMessage[] = [
  ...simulateChat({ seed: 11, ratePerSecond: 6, streamId: 's', startedAt: 0, minutes: 7, channel: 'demo' }),
];
const lines: ChatLine[] = messages.map((message, i) => ({ seq: i + 1, message }));
const upTo = (seconds: number, from = 0) =>
  lines.filter((l) => l.message.elapsed >= from && l.message.elapsed < seconds);

let engine: ChannelTopicEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function start(settings: Partial<ChannelTopicSettings> = {}, indexFactory: NeighbourIndexFactory | null = null) {
  const snapshots: TopicsSnapshot[] = [];
  const assigned: TopicAssignment[] = [];
  engine = withRefitter(new InProcessRefitter(), { ...manualRefitSettings, ...settings }, indexFactory, {
    snapshot: (s) => snapshots.push(s),
    assigned: (_c, a) => assigned.push(...a),
  });
  return { engine, snapshots, assigned };
}

/** A bag-of-words engine of the demo channel over `refitter`; its events go nowhere unless given. */
function withRefitter(
  refitter: InProcessRefitter,
  settings: ChannelTopicSettings,
  indexFactory: NeighbourIndexFactory | null = null,
  events: ConstructorParameters<typeof ChannelTopicEngine>[0]['events'] = {
    snapshot: () => undefined,
    assigned: () => undefined,
  },
): ChannelTopicEngine {
  return new ChannelTopicEngine({
    channel: 'demo',
    embedder: new BagOfWordsEmbedder(),
    refitter,
    params,
    settings,
    events,
    logger: pino({ level: 'silent' }),
    indexFactory,
  });
}

async function feed(e: ChannelTopicEngine, batch: ChatLine[]) {
  for (let i = 0; i < batch.length; i += 20) await e.push(batch.slice(i, i + 20));
}

describe('ChannelTopicEngine', () => {
  it('warms up, then refits into labelled topics, leaving bot, command and deleted messages out', async () => {
    const { engine, snapshots } = start();
    await feed(engine, upTo(10));
    expect(engine.snapshot().status).toBe('warming-up');
    await engine.refitNow();
    expect(engine.snapshot().refits).toBe(0); // below minMessages: no refit
    await feed(engine, upTo(240, 10));
    await engine.refitNow();
    const snap = engine.snapshot();
    expect(snap.status).toBe('ready');
    expect(snap.refits).toBe(1);
    expect(snap.topics.length).toBeGreaterThan(2);
    for (const card of snap.topics) {
      expect(card.label).toMatch(/^\S.* \(\d+\.\d\d\)/);
      expect(card.size).toBeGreaterThan(0);
      expect(card.representatives.length).toBeGreaterThan(0);
    }
    const sent = upTo(240).map((l) => l.message);
    expect(snap.excluded.bot).toBe(sent.filter((m) => !m.deleted && m.flags.bot).length);
    expect(snap.excluded.command).toBe(sent.filter((m) => !m.deleted && !m.flags.bot && m.flags.command).length);
    expect(snap.window.messages).toBe(
      sent.length - snap.excluded.bot - snap.excluded.command - snap.excluded.deleted - snap.excluded.empty,
    );
    expect(snapshots.at(-1)?.refits).toBe(1); // a refit sends a snapshot
  });

  it('places new messages in the current topics between refits, and keeps topic ids across refits', async () => {
    const { engine, assigned } = start();
    await feed(engine, upTo(240));
    await engine.refitNow();
    const before = new Map(engine.snapshot().topics.map((c) => [c.id, c]));
    const next = upTo(300, 240);
    await feed(engine, next);
    const clusterable = next.filter((l) => !l.message.flags.bot && !l.message.flags.command && !l.message.deleted);
    expect(assigned.map((a) => a.seq)).toEqual(clusterable.map((l) => l.seq));
    const placed = assigned.filter((a) => a.topic !== null);
    expect(placed.length / assigned.length).toBeGreaterThan(0.3);
    for (const a of placed) expect(before.has(a.topic!)).toBe(true);
    expect(engine.snapshot().assignment.count).toBe(assigned.length);

    await engine.refitNow();
    const after = engine.snapshot().topics.filter((c) => c.state !== 'ended');
    // Most of the messages of the old topics are in a topic with the same id after the refit.
    const kept = after.filter((c) => before.has(c.id));
    const keptSize = kept.reduce((s, c) => s + c.size, 0);
    const totalSize = after.reduce((s, c) => s + c.size, 0);
    expect(keptSize / totalSize).toBeGreaterThan(0.7);
    for (const c of kept) expect(c.colour).toBe(before.get(c.id)!.colour);
  });

  it('keeps moments above the topics: each topic names its moment, moments list their topics and keep their ids', async () => {
    const { engine } = start();
    await feed(engine, upTo(240));
    await engine.refitNow();
    const first = engine.snapshot();
    expect(first.moments.length).toBeGreaterThan(0);
    expect(first.moments.length).toBeLessThan(first.topics.length);
    const momentIds = new Set(first.moments.map((m) => m.id));
    for (const topic of first.topics) if (topic.moment !== null) expect(momentIds.has(topic.moment)).toBe(true);
    for (const moment of first.moments) {
      expect(moment.label).toMatch(/^\S.* \(\d+\.\d\d\)/);
      for (const t of moment.topics) expect(first.topics.find((c) => c.id === t)?.moment).toBe(moment.id);
    }
    const inMoments = first.moments.reduce((s, m) => s + m.size, 0);
    expect(inMoments).toBeLessThanOrEqual(first.window.messages);
    expect(inMoments / first.window.messages).toBeGreaterThan(0.5);

    await feed(engine, upTo(300, 240));
    await engine.refitNow();
    const after = engine.snapshot().moments.filter((m) => m.state !== 'ended');
    // Most of the window's moment messages stay in a moment with the same id after the refit.
    const kept = after.filter((m) => momentIds.has(m.id)).reduce((s, m) => s + m.size, 0);
    expect(kept / after.reduce((s, m) => s + m.size, 0)).toBeGreaterThan(0.6);
  });

  it('takes deleted messages out of the window and counts them', async () => {
    const { engine } = start();
    const batch = upTo(60);
    await feed(engine, batch);
    const size = engine.snapshot().window.messages;
    const victims = batch
      .filter((l) => !l.message.flags.bot && !l.message.flags.command)
      .slice(0, 5)
      .map((l) => l.message.id);
    engine.deleted([...victims, 'not-in-window']);
    expect(engine.snapshot().window.messages).toBe(size - 5);
    expect(engine.snapshot().excluded.deleted).toBe(5);
  });

  it('refits again after the newest messages were deleted (the window clock does not go back)', async () => {
    const { engine } = start();
    const batch = upTo(240).filter((l) => !l.message.flags.bot && !l.message.flags.command && !l.message.deleted);
    await feed(engine, batch);
    await engine.refitNow();
    engine.deleted(batch.slice(-40).map((l) => l.message.id));
    await engine.refitNow();
    expect(engine.snapshot().refits).toBe(2);
  });

  it('keeps only the last windowMinutes of stream time', async () => {
    const { engine } = start({ windowMinutes: 1 });
    await feed(engine, upTo(180));
    const window = engine.snapshot().window.messages;
    const clock = Math.max(...upTo(180).map((l) => l.message.elapsed));
    const lastMinute = upTo(180, clock - 60).filter(
      (l) => !l.message.flags.bot && !l.message.flags.command && !l.message.deleted,
    ).length;
    expect(window).toBe(lastMinute);
  });

  it('starts afresh when the stream clock jumps back (a replay seek)', async () => {
    const { engine } = start();
    await feed(engine, upTo(240));
    await engine.refitNow();
    expect(engine.snapshot().status).toBe('ready');
    await feed(engine, upTo(20));
    const snap = engine.snapshot();
    expect(snap.status).toBe('warming-up');
    expect(snap.window.messages).toBeLessThan(200);
  });

  it("starts from a resumed stream's last minutes: none sampled though they come at once, refitted before any live line, which then goes on", async () => {
    const settings = { ...manualRefitSettings, refitNewShare: 0.25, refitStreamSeconds: 60 };
    const recent = upTo(400);
    const kept = recent.filter((l) => exclusionReason(l.message) === null).length;
    // Minutes of chat pushed at once are more than the ingest queue holds: the newest would be left out.
    const pushed = start(settings).engine;
    await pushed.push(recent);
    expect(pushed.windowEntries().length).toBeLessThan(kept);
    await pushed.close();

    const { engine } = start(settings);
    await engine.seed(recent);
    expect(engine.windowEntries().length).toBe(kept);
    await engine.whenRefitsIdle();
    const snap = engine.snapshot();
    expect(snap.status).toBe('ready');
    expect(snap.shed.messages).toBe(0);
    expect(snap.excluded.dropped).toBe(0);
    await feed(engine, upTo(420, 400));
    expect(engine.windowEntries().length).toBeGreaterThan(kept);
    expect(engine.snapshot().status).toBe('ready');
  });
});

describe('ChannelTopicEngine with an ONNX Runtime neighbour index', () => {
  it('places new messages as the plain-JS search does', async () => {
    const placements = async (factory: NeighbourIndexFactory | null) => {
      const { engine, assigned } = start({}, factory);
      await feed(engine, upTo(240));
      await engine.refitNow();
      await engine.whenIndexReady();
      await feed(engine, upTo(300, 240));
      const topics = new Map(engine.snapshot().topics.map((t) => [t.id, t.label]));
      await engine.close();
      return assigned.map((a) => (a.topic === null ? null : topics.get(a.topic)));
    };
    const js = await placements(null);
    const onnx = await placements((vectors, dim, k) => OnnxCosineKnn.create(vectors, dim, k, { threads: 1 }));
    expect(onnx).toHaveLength(js.length);
    const same = onnx.filter((label, i) => label === js[i]).length;
    expect(same / js.length).toBeGreaterThan(0.95);
  });
});

describe('ChannelTopicEngine refit schedule', () => {
  it('refits by itself as the stream moves on (no wall-clock timer needed), one refit at a time, close to the stream clock', async () => {
    /** Counts refits running at once. */
    class CountingRefitter extends InProcessRefitter {
      running = 0;
      most = 0;
      override async refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult> {
        this.most = Math.max(this.most, ++this.running);
        try {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return await super.refit(job, signal);
        } finally {
          this.running--;
        }
      }
    }
    const refitter = new CountingRefitter();
    // The wall-clock timer never fires in this test: only the stream's progress can start refits.
    engine = withRefitter(refitter, {
      windowMinutes: 10,
      windowMessages: 10_000,
      refitSeconds: 3600,
      minMessages: 100,
    });
    // Seven minutes of stream, a minute every 50 ms: a replay far faster than real time (and than the refits).
    for (let minute = 1; minute <= 7; minute++) {
      await feed(engine, upTo(minute * 60, (minute - 1) * 60));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await engine.whenRefitsIdle();
    const snap = engine.snapshot();
    expect(snap.refits).toBeGreaterThanOrEqual(3);
    expect(refitter.most).toBe(1);
    expect(snap.clock - snap.lastRefit!.clock).toBeLessThan(60);
  });
});

describe('ChannelTopicEngine on the wall-clock floor', () => {
  it('leaves a window that has not changed alone, refits it for another pipeline, and retries a refit that failed', async () => {
    /** Fails its second refit; counts the calls. */
    class FailingOnceRefitter extends InProcessRefitter {
      calls = 0;
      override async refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult> {
        if (++this.calls === 2) throw new Error('the refit worker died');
        return super.refit(job, signal);
      }
    }
    const refitter = new FailingOnceRefitter();
    // Only the floor starts refits here, every 150 ms.
    engine = withRefitter(refitter, { ...manualRefitSettings, refitSeconds: 0.15 });
    await feed(engine, upTo(60));
    /** Several ticks of the floor, then any refit they started. */
    const quietWhile = async () => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await engine!.whenRefitsIdle();
    };
    await expect.poll(() => engine!.snapshot().refits, { timeout: 15_000 }).toBe(1);
    // Chat went quiet: the floor leaves the same window alone.
    await quietWhile();
    expect(refitter.calls).toBe(1);
    // Another pipeline for this channel: the floor refits; that refit fails, and a later tick tries again.
    engine.setPipelineParams(TopicPipelineParamsSchema.parse({ umap: { nEpochs: 40 } }));
    await expect.poll(() => engine!.snapshot().refits, { timeout: 15_000 }).toBe(2);
    expect(refitter.calls).toBe(3);
    await quietWhile();
    expect(refitter.calls).toBe(3);
  });
});

describe('ChannelTopicEngine under a flood', () => {
  it('leaves out and counts what it cannot keep up with, instead of queueing without bound', async () => {
    const { engine } = start();
    const flood = lines.filter((l) => !l.message.flags.bot && !l.message.flags.command && !l.message.deleted);
    // All at once, without waiting: as a replay at top speed would.
    const pushes = [];
    for (let i = 0; i < flood.length; i += 100) pushes.push(engine.push(flood.slice(i, i + 100)));
    await Promise.all(pushes);
    const snap = engine.snapshot();
    expect(flood.length).toBeGreaterThan(2048);
    // Beyond the queue's bound: sampled out (the queue was half full) or dropped, never queued.
    expect(snap.window.messages).toBeLessThanOrEqual(2048);
    expect(snap.excluded.dropped + snap.shed.messages).toBeGreaterThan(0);
    expect(snap.window.messages + snap.excluded.dropped + snap.shed.messages).toBe(flood.length);
  });

  it('clusters an even sample of a sustained flood, spread over all of it, and says how much it left out', async () => {
    /** Bag-of-words that takes 2 ms per text: about 500 messages/s, far below the flood below. */
    class SlowEmbedder extends BagOfWordsEmbedder {
      override async embed(texts: readonly string[]): Promise<Float32Array[]> {
        await new Promise((resolve) => setTimeout(resolve, 2 * texts.length));
        return super.embed(texts);
      }
    }
    const floodRefitter = new HeldRefitter();
    engine = new ChannelTopicEngine({
      channel: 'demo',
      embedder: new SlowEmbedder(),
      refitter: floodRefitter,
      params,
      settings: {
        windowMinutes: 10,
        windowMessages: 10_000,
        refitSeconds: 3600,
        refitStreamSeconds: Infinity,
        refitNewShare: Infinity,
        minMessages: 100,
        shedding: { highWaitMs: 100, lowWaitMs: 25, adjustEveryMs: 50 },
      },
      events: { snapshot: () => undefined, assigned: () => undefined },
      logger: pino({ level: 'silent' }),
    });
    const flood = lines.filter(
      (l) => !l.message.flags.bot && !l.message.flags.command && !l.message.deleted && l.message.text.trim() !== '',
    );
    // 50 messages every 10 ms (5,000/s) for as long as the simulated chat lasts.
    const pushes: Promise<void>[] = [];
    for (let i = 0; i < flood.length; i += 50) {
      pushes.push(engine.push(flood.slice(i, i + 50)));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all(pushes);
    const snap = engine.snapshot();
    expect(snap.shed.messages).toBeGreaterThan(flood.length / 2);
    expect(snap.shed.keepRatio).toBeLessThan(1);
    // Sampling, not the queue's hard limit, did the work; and every message is accounted for.
    expect(snap.excluded.dropped).toBeLessThan(flood.length / 10);
    expect(snap.window.messages + snap.excluded.dropped + snap.shed.messages).toBe(flood.length);
    // The sample covers the whole flood, not only its start: every tenth of it has messages in the window.
    const position = new Map(flood.map((l, i) => [l.message.id, i]));
    const tenths = new Set(engine.windowEntries().map((e) => Math.floor((position.get(e.id)! / flood.length) * 10)));
    expect(tenths.size).toBe(10);
    // Behind the stream, a refit lays out on one thread: the embedder needs the other core.
    await engine.refitNow();
    expect(floodRefitter.jobs.at(-1)?.singleThreadLayout).toBe(true);
  });
  it('keeps every message when a refit ends between a model switch being queued and running', async () => {
    const oldModel = new HeldEmbedder();
    const refitter = new HeldRefitter();
    const e = new ChannelTopicEngine({
      channel: 'demo',
      embedder: oldModel,
      refitter,
      params,
      settings: {
        windowMinutes: 10,
        windowMessages: 10_000,
        refitSeconds: 3600,
        refitStreamSeconds: Infinity,
        refitNewShare: Infinity,
        minMessages: 100,
        // Minutes of chat are fed at once here: the stream-time wait would sample them.
        shedding: { highWaitStreamSeconds: Infinity },
      },
      events: { snapshot: () => undefined, assigned: () => undefined },
      logger: pino({ level: 'silent' }),
    });
    engine = e;
    await feed(e, upTo(240));
    await e.refitNow();
    // A channel that keeps up lays out on every thread the refitter has.
    expect(refitter.jobs[0]!.singleThreadLayout).toBeUndefined();
    // A refit whose result waits; messages arrive meanwhile (placed again once it lands: "late" messages).
    const refitGate = gate();
    refitter.held = refitGate.wait;
    const refitting = e.refitNow();
    await feed(e, upTo(260, 240));
    // The old model is busy with the next messages when the switch is asked for: the switch queues behind them.
    const embedGate = gate();
    oldModel.held = embedGate.wait;
    const busy = e.push(upTo(270, 260));
    const newModel = new HeldEmbedder(32);
    const switching = e.switchEmbedder(newModel);
    // The refit lands now: its re-placement of the late messages queues behind the switch.
    refitter.held = null;
    refitGate.open();
    await refitting;
    const after = e.push(upTo(280, 270));
    oldModel.held = null;
    embedGate.open();
    await Promise.all([busy, switching, after]);

    const kept = upTo(280)
      .map((l) => l.message)
      .filter((m) => !m.deleted && !m.flags.bot && !m.flags.command && m.text.trim() !== '');
    const ids = e.windowEntries().map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length + e.snapshot().excluded.empty).toBe(kept.length);
    expect(e.windowEntries().every((w) => w.vector.length === 32)).toBe(true);
  });
  it('refits the old vectors, never a mix of two models, when a refit starts while the window is being re-embedded', async () => {
    const refitter = new HeldRefitter();
    const e = withRefitter(refitter, manualRefitSettings);
    engine = e;
    await feed(e, upTo(120));
    expect(e.windowEntries().length).toBeGreaterThan(256);
    await e.refitNow();
    // The new model answers its first chunk of the window, then holds the second.
    const second = gate();
    const newModel = new HeldEmbedder(32);
    const embed = newModel.embed.bind(newModel);
    newModel.embed = async (texts) => {
      if (newModel.calls.length === 1) newModel.held = second.wait;
      return embed(texts);
    };
    const switching = e.switchEmbedder(newModel);
    await waitFor(() => newModel.calls.length === 2, 'the second chunk of the re-embedding', 5_000);
    // A refit comes due mid-switch: it must see one model's vectors (and its topics are not applied).
    const jobs = refitter.jobs.length;
    await e.refitNow();
    expect(refitter.jobs.length).toBe(jobs + 1);
    expect(refitter.jobs.at(-1)!.dim).toBe(256);
    second.open();
    newModel.held = null;
    await switching;
    await e.whenRefitsIdle();
    expect(e.windowEntries().every((w) => w.vector.length === 32)).toBe(true);
    expect(refitter.jobs.at(-1)!.dim).toBe(32);
    expect(e.snapshot().status).toBe('ready');
  });
});

describe('ChannelTopicEngine when refits cannot follow the stream', () => {
  it('samples new messages down to the window a refit takes in time, and refits a stable sample meanwhile', async () => {
    const refitter = new HeldRefitter();
    const e = new ChannelTopicEngine({
      channel: 'demo',
      embedder: new BagOfWordsEmbedder(),
      refitter,
      params,
      // Refits only when asked; a refit's topics may come 45 s of stream time late; the window goes down to 100.
      settings: { ...manualRefitSettings, pacing: { refitStreamSeconds: 45, minWindow: 100 } },
      events: { snapshot: () => undefined, assigned: () => undefined },
      logger: pino({ level: 'silent' }),
    });
    engine = e;
    await feed(e, upTo(60));
    const first = e.windowEntries().length;
    // The first refit takes five stream minutes (a fast replay): its result waits while they arrive.
    const held = gate();
    refitter.held = held.wait;
    const refitting = e.refitNow();
    await feed(e, upTo(360, 60));
    expect(e.snapshot().shed.keepRatio).toBe(1);
    refitter.held = null;
    held.open();
    await refitting;
    // About 45 / 300 of the first window could be refitted in time: below the floor of 100, so 100.
    expect(first * (45 / 300)).toBeLessThan(100);
    const windowBefore = e.windowEntries().length;
    await feed(e, upTo(420, 360));
    const snap = e.snapshot();
    const offered = upTo(420, 360).filter(
      (l) => !l.message.deleted && !l.message.flags.bot && !l.message.flags.command && l.message.text.trim() !== '',
    ).length;
    // The window (ten minutes) would hold every message so far: 100 of them is the share kept.
    const fullWindow = windowBefore + offered;
    expect(snap.shed.keepRatio).toBeCloseTo(100 / fullWindow, 1);
    expect(snap.shed.messages).toBeGreaterThan(offered * 0.8);
    // The next refit clusters about 100 messages of the window, the newest among them; the window keeps the others.
    await e.refitNow();
    const job = refitter.jobs.at(-1)!;
    expect(job.texts.length).toBeGreaterThan(60);
    expect(job.texts.length).toBeLessThan(140);
    const windowNow = e.windowEntries();
    expect(windowNow.length).toBeGreaterThan(job.texts.length * 2);
    expect(job.elapsed.at(-1)).toBe(windowNow.at(-1)!.elapsed);
    expect(e.snapshot().lastRefit!.messages).toBe(job.texts.length);
  });
});

describe('ChannelTopicEngine after a refit', () => {
  it('places new messages while the messages that arrived during the refit are placed again, not after them all', async () => {
    const refitter = new HeldRefitter();
    const pending: number[] = [];
    let late: readonly WindowEntry[] = [];
    const e = new ChannelTopicEngine({
      channel: 'demo',
      embedder: new BagOfWordsEmbedder(),
      refitter,
      params,
      settings: manualRefitSettings,
      events: {
        snapshot: () => undefined,
        // How many late messages still wait to be placed again when new ones are announced.
        assigned: () => pending.push(late.filter((w) => w.topic === -1).length),
      },
      logger: pino({ level: 'silent' }),
    });
    engine = e;
    await feed(e, upTo(120));
    await e.refitNow();
    const held = gate();
    refitter.held = held.wait;
    const refitting = e.refitNow();
    await feed(e, upTo(240, 120));
    // The messages of the last two minutes arrived during the refit; marked, as placing them again replaces the mark
    // with a topic of the new fit (or noise).
    late = e.windowEntries().filter((w) => w.elapsed >= 120);
    for (const w of late) w.topic = -1;
    expect(late.length).toBeGreaterThan(256);
    refitter.held = null;
    held.open();
    await refitting;
    pending.length = 0;
    await e.push(upTo(250, 240));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]).toBeGreaterThan(0);
    expect(pending[0]).toBeLessThan(late.length);
    // In the end every one of them was placed again (each wait below lasts until the slice queued last).
    for (let i = 0; i < 40 && late.some((w) => w.topic === -1); i++) await e.push([]);
    expect(late.filter((w) => w.topic === -1)).toEqual([]);
  });
});

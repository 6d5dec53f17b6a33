import { beforeAll, describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { TopicTracker } from '../../models/topics/tracking';
import { FitState } from './FitState';
import { MomentBoard } from './MomentBoard';
import { projectSnapshot, type SnapshotSources } from './projectSnapshot';
import { clusterable, entriesOf, refitOf, silent } from './topicTestFixtures';
import type { WindowEntry } from './TopicWindow';

const counts = { deleted: 1, bot: 2, command: 3, empty: 4, dropped: 5 };
function sources(window: readonly WindowEntry[], over: Partial<SnapshotSources> = {}): SnapshotSources {
  return {
    channel: 'demo',
    embedder: 'bow-v1',
    clock: 120,
    settings: { windowMessages: 10_000, windowMinutes: 10, minMessages: 100 },
    params: TopicPipelineParamsSchema.parse({}),
    window,
    fit: null,
    tracker: new TopicTracker(),
    moments: new MomentBoard(),
    excluded: counts,
    shed: { keepRatio: 1, messages: 0 },
    lastRefit: null,
    refits: 0,
    latency: { p50: 0, p95: 0, max: 0, samples: 0 },
    ...over,
  };
}

let fits: FitState;
let window: WindowEntry[];
beforeAll(async () => {
  window = await entriesOf(clusterable(120));
  fits = new FitState({
    channel: 'demo',
    logger: silent,
    indexFactory: null,
    representatives: 2,
    assigned: () => undefined,
  });
  fits.apply({ entries: window, result: await refitOf(window), generation: 0, durationMs: 1 });
}, 60_000);

describe('projectSnapshot', () => {
  it('is warming up, with no cards, before the first fit, and copies the counts it is given', () => {
    const snap = projectSnapshot(
      sources(window.slice(0, 50).map((e) => ({ ...e, topic: null, moment: null, fitted: false }))),
    );
    expect(snap.status).toBe('warming-up');
    expect(snap.topics).toEqual([]);
    expect(snap.moments).toEqual([]);
    expect(snap.noise).toBe(0); // not placed yet is not noise
    expect(snap.window).toEqual({ messages: 50, maxMessages: 10_000, maxSeconds: 600, minMessages: 100 });
    expect(snap.excluded).toEqual(counts);
    expect(snap.excluded).not.toBe(counts);
    expect(snap.assignment).toEqual({ count: 0, p50Ms: null, p95Ms: null });
  });

  it('sizes each card by the window now, largest first, labelled by the fit, noise counted apart', () => {
    const s = sources(window, fits.view());
    const snap = projectSnapshot(s);
    expect(snap.status).toBe('ready');
    const inTopics = window.filter((e) => e.topic !== null);
    expect(snap.topics.reduce((n, c) => n + c.size, 0)).toBe(inTopics.length);
    expect(snap.noise).toBe(window.length - inTopics.length);
    expect(snap.topics.map((c) => c.size)).toEqual([...snap.topics.map((c) => c.size)].sort((a, b) => b - a));
    for (const card of snap.topics) {
      expect(card.label).toBe(fits.current!.labels.get(card.id)!.label);
      expect(card.representatives.length).toBeLessThanOrEqual(2);
    }
    // Fewer messages in the window (moderation, or the window moved on): smaller cards, same fit.
    const half = projectSnapshot({ ...s, window: window.slice(window.length / 2) });
    expect(half.topics.reduce((n, c) => n + c.size, 0)).toBe(
      window.slice(window.length / 2).filter((e) => e.topic !== null).length,
    );
  });

  it('shows a topic none of whose messages is left in the window as ended, never as a live card of 0 messages', () => {
    const s = sources(window, fits.view());
    const before = projectSnapshot(s);
    const live = before.topics.filter((c) => c.state !== 'ended');
    expect(live.length).toBeGreaterThan(1);
    // The window moved on past every message of the first live topic (the refit that would end it has not run yet).
    const gone = live[0]!.id;
    const after = projectSnapshot({ ...s, window: window.filter((e) => e.topic !== gone) });
    const card = after.topics.find((c) => c.id === gone)!;
    expect(card).toMatchObject({ state: 'ended', size: 0 });
    expect(after.topics.filter((c) => c.state !== 'ended').length).toBe(live.length - 1);
    for (const c of after.topics) if (c.state !== 'ended') expect(c.size).toBeGreaterThan(0);
    for (const m of after.moments) if (m.state !== 'ended') expect(m.size).toBeGreaterThan(0);
    // Ended cards come after the live ones.
    expect(after.topics.findIndex((c) => c.id === gone)).toBeGreaterThanOrEqual(live.length - 1);
  });

  it('reads its sources without changing them: the same sources give the same snapshot', () => {
    const s = sources(window, fits.view());
    expect(projectSnapshot(s)).toEqual(projectSnapshot(s));
  });
});

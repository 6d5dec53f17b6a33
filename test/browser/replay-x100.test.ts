import { PassThrough } from 'node:stream';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type {
  ChannelChanges,
  ClientToServerEvents,
  ServerToClientEvents,
  TopicsSnapshot,
} from '../../contracts/socket-events';
import { writeSimulationJsonl } from '../../server/simulator/writeSimulationJsonl';
import { launchBrowser, openPage } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

/** The bound: the newest refit within 3 stream minutes of the replay clock. */
const MAX_LAG_SECONDS = 180;
/** 36 simulated minutes at 5 messages a second (about 10,800 messages): 21.6 s at x100. */
const STREAM = { minutes: 36, ratePerSecond: 5, seed: 14, channel: 'fastchan', streamId: 'sim-fastchan-x100' };

/** The simulated stream as our JSONL, in memory (about 3 MB). */
async function simulatedJsonl(): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeSimulationJsonl({ ...STREAM, startedAt: Date.UTC(2025, 0, 6, 19) }, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** What the replay page shows at one moment, read in one browser task (the page re-renders several times a second). */
interface PageSample {
  position: number;
  ended: boolean;
  refits: number;
  refitClock: number | null;
  cards: { kind: 'topic' | 'moment'; state: string; size: number }[];
}

function readPage(page: Page): Promise<PageSample> {
  return page.evaluate(() => {
    const attr = (testId: string, name: string) =>
      document.querySelector(`[data-testid="${testId}"]`)?.getAttribute(name) ?? null;
    const cards = (kind: 'topic' | 'moment') =>
      Array.from(document.querySelectorAll(`[data-testid="${kind}-card"]`), (el) => ({
        kind,
        state: el.getAttribute('data-state') ?? '',
        size: Number(el.querySelector(`[data-testid="${kind}-size"]`)?.getAttribute('data-size')),
      }));
    const refitClock = attr('now-panel', 'data-refit-clock');
    return {
      position: Number(attr('replay-position', 'data-position')),
      ended: document.querySelector('[data-testid="replay-status"]')?.textContent === 'ended',
      refits: Number(attr('now-panel', 'data-refits') ?? 0),
      refitClock: refitClock === null || refitClock === '' ? null : Number(refitClock),
      cards: [...cards('topic'), ...cards('moment')],
    };
  });
}

/** Shows every topic and moment card, not only the largest (the buttons keep their choice across snapshots). */
async function showEveryCard(page: Page): Promise<void> {
  const all = page.getByTestId('topic-all');
  if ((await all.getAttribute('open')) === null) await page.getByTestId('topic-all-toggle').click();
  for (const testId of ['topic-show-all', 'moment-show-all']) {
    const more = page.getByTestId(testId);
    if ((await more.count()) > 0 && ((await more.textContent()) ?? '').startsWith('Show all')) await more.click();
  }
}

describe('dashboard: a x100 replay keeps its topics up with the stream', () => {
  let server: StartedServer;
  let browser: Browser;
  let observer: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

  beforeAll(async () => {
    // The shipped defaults: the default model, a 10-minute window, refits on the stream's clock.
    server = await startServer({ args: ['--no-demo'] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    observer?.close();
    await browser?.close();
    await server?.stop();
  });

  it('plays 36 stream minutes at x100: the newest refit stays within 3 stream minutes, no live card reads 0', async () => {
    const { operatorToken } = (await (await fetch(`${server.url}/api/config`)).json()) as { operatorToken: string };
    const res = await fetch(`${server.url}/api/import?name=fastchan.jsonl&channel=${STREAM.channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': operatorToken },
      body: await simulatedJsonl(),
    });
    expect(res.status).toBe(200);
    const imported = (await res.json()) as { streamId: string; imported: number };
    expect(imported.imported).toBeGreaterThan(10_000);

    // The socket snapshots of every open replay, as a second viewer receives them.
    const snapshots: { snapshot: TopicsSnapshot; position: number }[] = [];
    const positions = new Map<string, number>();
    observer = io(server.url, { transports: ['websocket'] });
    observer.on('channels:changed', (changes: ChannelChanges) => {
      for (const c of changes.changed) {
        if (c.kind !== 'replay' || c.replay?.streamId !== imported.streamId) continue;
        if (!positions.has(c.key))
          observer!.emit('channel:subscribe', { channel: c.key, afterSeq: Number.MAX_SAFE_INTEGER }, () => undefined);
        positions.set(c.key, c.replay.position);
      }
    });
    observer.on('topics:update', (snapshot) =>
      snapshots.push({ snapshot, position: positions.get(snapshot.channel) ?? 0 }),
    );
    await new Promise<void>((resolve) => observer!.on('connect', resolve));

    // A viewer who last replayed at x100 starts this replay from the stream list: it plays at x100 at once.
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.addInitScript(() => localStorage.setItem('chat-topics.replaySpeed', '100'));
    await page.goto('/');
    const row = page.locator(`[data-testid="stream-item"][data-stream-id="${imported.streamId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('replay-button').getAttribute('data-speed')).toBe('100');
    await row.getByTestId('replay-button').click();
    await page.waitForURL(/\/replay\/replay-\d+$/);
    expect(await page.getByTestId('replay-speed').inputValue()).toBe('100');

    const samples: PageSample[] = [];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const sample = await readPage(page);
      samples.push(sample);
      if (sample.ended || Date.now() > deadline) break;
      if (sample.cards.length > 0) await showEveryCard(page);
      await page.waitForTimeout(150);
    }
    expect(samples.at(-1)!.ended).toBe(true);

    // From the page: after the first refit, the refit shown is never more than 3 stream minutes behind the replay
    // clock shown, and every live card has messages.
    const afterFirst = samples.filter((s) => s.refits > 0 && s.refitClock !== null && !s.ended);
    expect(afterFirst.length).toBeGreaterThan(40);
    const pageLag = afterFirst.map((s) => s.position - s.refitClock!);
    // Both lags are printed before either is checked, so a failing run shows its margin too.
    const fromSocket = snapshots.filter((s) => s.snapshot.lastRefit !== null);
    expect(fromSocket.length).toBeGreaterThan(20);
    const socketLag = fromSocket.map(
      ({ snapshot, position }) => Math.max(snapshot.clock, position) - snapshot.lastRefit!.clock,
    );
    console.log(
      `replay-x100: ${samples.at(-1)!.refits} refits; newest refit at most ${Math.max(...pageLag).toFixed(0)} stream s ` +
        `behind on the page, ${Math.max(...socketLag).toFixed(0)} s in the snapshots (bound ${MAX_LAG_SECONDS} s)`,
    );
    expect(Math.max(...pageLag)).toBeLessThanOrEqual(MAX_LAG_SECONDS);
    const liveCards = afterFirst.flatMap((s) => s.cards.filter((c) => c.state !== 'ended'));
    expect(liveCards.length).toBeGreaterThan(afterFirst.length);
    expect(liveCards.filter((c) => !(c.size > 0))).toEqual([]);
    // Refits kept coming all along (36 stream minutes: one at least every 3 minutes), and the page saw topics.
    expect(samples.at(-1)!.refits).toBeGreaterThanOrEqual(12);
    expect(
      afterFirst.filter((s) => s.cards.some((c) => c.state !== 'ended')).length / afterFirst.length,
    ).toBeGreaterThan(0.9);

    // From the socket: each snapshot's newest refit within 3 stream minutes of the replay clock and of its own clock,
    // no live topic or moment of 0 messages.
    expect(Math.max(...socketLag)).toBeLessThanOrEqual(MAX_LAG_SECONDS);
    for (const { snapshot } of fromSocket)
      for (const card of [...snapshot.topics, ...snapshot.moments])
        if (card.state !== 'ended') expect(card.size).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

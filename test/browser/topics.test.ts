import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

/** Refits every 2 s once a channel has 60 messages: the demo at 25 msg/s has its first topics within seconds. */
const SERVER_ARGS = [
  '--demo-rate',
  '25',
  '--topics-refit-seconds',
  '2',
  '--topics-min-messages',
  '60',
  '--topics-window-minutes',
  '10',
  '--topics-window-messages',
  '3000',
];

const MARKUP = '<img src=x onerror=alert(1)>';

/** `[H:MM:SS]` as TwitchDownloader writes relative times. */
function stamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `[${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

/**
 * A three-minute TwitchDownloader TXT chat with three clear topics, one of them made of messages with HTML in them
 * (which topic cards must show as text). 270 lines.
 */
function markupChat(): string {
  const topics = [
    (i: number) => `${MARKUP} <b>pizza</b> ananas ${i % 3 === 0 ? 'jamais' : 'toujours'}`,
    (i: number) => `le boss final est trop dur ${i % 2 === 0 ? 'wallah' : 'franchement'}`,
    (i: number) => `gg wp la team ${i % 2 === 0 ? 'incroyable' : 'bien joué'}`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < 90; i++) {
    topics.forEach((text, k) => lines.push(`${stamp(2 * i)} viewer${(i * 3 + k) % 23}: ${text(i)}`));
  }
  return lines.join('\n') + '\n';
}

interface CardInfo {
  id: number;
  state: string;
  colour: string;
  size: number;
  terms: { text: string; score: number }[];
  trendBins: number;
  trendPath: string;
  representatives: string[];
}

/** Every card on the page, read in one pass (cards re-render about once a second). */
async function readCards(page: Page): Promise<CardInfo[]> {
  return page.$$eval('[data-testid="topic-card"]', (els) =>
    els.map((el) => ({
      id: Number(el.getAttribute('data-topic-id')),
      state: el.getAttribute('data-state') ?? '',
      colour: el.getAttribute('data-colour') ?? '',
      size: Number(el.querySelector('[data-testid="topic-size"]')?.getAttribute('data-size')),
      terms: Array.from(el.querySelectorAll('[data-testid="topic-term"]'), (t) => ({
        text: t.querySelector('.topic-term-text')?.textContent ?? '',
        score: Number(t.getAttribute('data-score')),
      })),
      trendBins: Number(el.querySelector('[data-testid="topic-trend"]')?.getAttribute('data-bins')),
      trendPath: el.querySelector('[data-testid="topic-trend-line"]')?.getAttribute('d') ?? '',
      representatives: Array.from(
        el.querySelectorAll('[data-testid="topic-representative"]'),
        (r) => r.textContent ?? '',
      ),
    })),
  );
}

async function refits(page: Page): Promise<number> {
  return Number((await page.getByTestId('topic-status').getAttribute('data-refits')) ?? -1);
}

/** Opens the full topic list, closed by default under the Now panel. */
async function openAllTopics(page: Page): Promise<void> {
  const all = page.getByTestId('topic-all');
  // A list opened while the page was still mounting its panel can come back closed (a full run once saw every card
  // hidden): opened again until it stays open.
  await expect
    .poll(
      async () => {
        if ((await all.getAttribute('open')) === null) await page.getByTestId('topic-all-toggle').click();
        return all.getAttribute('open');
      },
      { timeout: 10_000 },
    )
    .not.toBeNull();
}

/** Shows every card, not only the largest (a card moving past the cut would otherwise look gone). */
async function showAllCards(page: Page): Promise<void> {
  const more = page.getByTestId('topic-show-all');
  if ((await more.count()) > 0 && ((await more.textContent()) ?? '').startsWith('Show all')) await more.click();
}

describe('dashboard: live topic panel', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ args: SERVER_ARGS });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows labelled topic cards on the demo channel, and keeps their ids and colours across refits', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/channel/demo');
    const panel = page.getByTestId('topic-panel');
    await panel.waitFor();
    const status = page.getByTestId('topic-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 45_000 }).toBe('ready');
    await openAllTopics(page);
    await page.getByTestId('topic-card').first().waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toMatch(/topics?/);
    expect(await status.textContent()).toContain('chat-topics-fr-small');

    // Every live card: label terms with finite positive scores, a size, a drawn trend, representative messages.
    await showAllCards(page);
    // The status count and the cards are read in one browser task: a snapshot landing between two reads would
    // otherwise compare the count of one snapshot with the cards of the next.
    const statusTopics = () =>
      page.evaluate(() => ({
        counted: Number(document.querySelector('[data-testid="topic-status"]')?.getAttribute('data-topics')),
        cards: Array.from(document.querySelectorAll('[data-testid="topic-card"]')).filter(
          (el) => el.getAttribute('data-state') !== 'ended',
        ).length,
      }));
    const agreed = await statusTopics();
    expect(agreed.cards).toBeGreaterThan(0);
    expect(agreed.counted).toBe(agreed.cards);
    const cards = await readCards(page);
    const live = cards.filter((c) => c.state !== 'ended');
    expect(live.length).toBeGreaterThan(0);
    for (const card of live) {
      expect(card.state).toMatch(/^(born|growing|steady|fading)$/);
      expect(Number(card.colour)).toBeGreaterThanOrEqual(0);
      expect(card.size).toBeGreaterThan(0);
      expect(card.terms.length).toBeGreaterThan(0);
      expect(card.terms.length).toBeLessThanOrEqual(5);
      for (const term of card.terms) {
        expect(term.text.trim().length).toBeGreaterThan(0);
        expect(Number.isFinite(term.score) && term.score > 0).toBe(true);
      }
      expect(card.trendBins).toBeGreaterThan(0);
      expect(card.trendPath).toMatch(/^M/);
      expect(card.trendPath).not.toContain('NaN');
      expect(card.representatives.length).toBeGreaterThan(0);
      expect(card.representatives.length).toBeLessThanOrEqual(3);
      for (const rep of card.representatives) expect(rep).toMatch(/^\d+:\d\d:\d\d \S+ \S/);
    }
    // Live topics are listed largest first, ended ones after them. Read again until the order is right (5 s): under a loaded
    // CI machine one read once saw a new snapshot's sizes in the previous order (not reproduced alone, 4 runs); an
    // order that stays wrong still fails here.
    const liveSizes = async () => (await readCards(page)).filter((c) => c.state !== 'ended').map((c) => c.size);
    await expect
      .poll(
        async () => {
          const sizes = await liveSizes();
          return [...sizes].sort((a, b) => b - a).join(',') === sizes.join(',');
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    expect(cards.slice(0, live.length).every((c) => c.state !== 'ended')).toBe(true);
    // Live colours are distinct palette entries (as far as the 12 colours go).
    expect(new Set(live.map((c) => c.colour)).size).toBe(Math.min(live.length, 12));

    // Moments come first, each listing fine topics that are cards of the panel.
    const moments = page.getByTestId('moment-card');
    await moments.first().waitFor({ timeout: 20_000 });
    const panelOrder = await panel.evaluate((el) =>
      Array.from(el.querySelectorAll('[data-testid="moment-card"], [data-testid="topic-card"]'), (c) =>
        c.getAttribute('data-testid'),
      ),
    );
    expect(panelOrder[0]).toBe('moment-card');
    const chips = await page.$$eval('[data-testid="moment-topic"]', (els) =>
      els.map((e) => Number(e.getAttribute('data-topic-id'))),
    );
    const topicIds = new Set((await readCards(page)).map((c) => c.id));
    expect(chips.length).toBeGreaterThan(0);
    expect(chips.filter((id) => topicIds.has(id)).length / chips.length).toBeGreaterThan(0.8);
    expect(await page.locator('[data-testid="moment-term"]').count()).toBeGreaterThan(0);

    // Lines placed in a topic between refits carry that topic on the feed (a coloured edge).
    const lineTopics = async () =>
      page.$$eval('[data-testid="feed-line"][data-topic]', (els) =>
        els.map((e) => Number(e.getAttribute('data-topic'))),
      );
    await expect.poll(async () => (await lineTopics()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const cardIds = new Set((await readCards(page)).map((c) => c.id));
    expect((await lineTopics()).some((id) => cardIds.has(id))).toBe(true);

    // Two refits later, most of the topics seen before are still there, and those that stayed live all along kept
    // their colour (a topic that ended and came back may get another colour when a live topic took its own).
    const before = new Map(live.map((c) => [c.id, c.colour]));
    const r0 = await refits(page);
    const notLiveOnce = new Set<number>();
    const started = Date.now();
    for (let r = await refits(page); r < r0 + 2; r = await refits(page)) {
      await showAllCards(page);
      const seen = new Map((await readCards(page)).map((c) => [c.id, c]));
      for (const id of before.keys()) {
        const state = seen.get(id)?.state;
        if (state === undefined || state === 'ended') notLiveOnce.add(id);
      }
      await page.waitForTimeout(100);
      expect(Date.now() - started).toBeLessThan(60_000);
    }
    await showAllCards(page);
    const after = new Map((await readCards(page)).map((c) => [c.id, c]));
    const kept = [...before].filter(([id]) => after.has(id));
    expect(kept.length).toBeGreaterThanOrEqual(Math.ceil(before.size / 2));
    const keptLive = kept.filter(([id]) => !notLiveOnce.has(id) && after.get(id)!.state !== 'ended');
    expect(keptLive.length).toBeGreaterThan(0);
    for (const [id, colour] of keptLive) expect(after.get(id)!.colour).toBe(colour);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows chat markup in topic cards as text, never as elements', async () => {
    const { operatorToken } = (await (await fetch(`${server.url}/api/config`)).json()) as { operatorToken: string };
    const res = await fetch(`${server.url}/api/import?name=markup-chat.txt&channel=markupchan`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': operatorToken },
      body: markupChat(),
    });
    expect(res.status).toBe(200);

    const { page, pageErrors, dialogs } = await openPage(browser, server.url);
    await page.goto('/');
    const row = page.locator('[data-testid="stream-item"][data-channel="markupchan"]').first();
    await row.waitFor();
    await row.getByTestId('replay-button').click();
    await page.waitForURL(/\/replay\/replay-\d+$/);
    await page.getByTestId('replay-speed').selectOption('1000');
    await openAllTopics(page);

    await expect
      .poll(() => page.getByTestId('topic-status').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('ready');
    const rep = page.getByTestId('topic-representative-text').filter({ hasText: 'onerror' }).first();
    await rep.waitFor({ timeout: 20_000 });
    expect(await rep.textContent()).toMatch(/^<img src=x onerror=alert\(1\)> <b>pizza<\/b> ananas /);
    expect(await page.locator('[data-testid="topic-panel"] img').count()).toBe(0);
    expect(await page.locator('[data-testid="topic-panel"] b').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets an operator switch the demo channel to k-means from the panel, and shows the stages of the next refit', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/channel/demo');
    const stages = page.getByTestId('pipeline-stages');
    await expect.poll(() => stages.getAttribute('data-ran'), { timeout: 45_000 }).toBe('hdbscan');
    expect(await stages.textContent()).toMatch(/UMAP .*→ HDBSCAN .*→ c-TF-IDF/);

    await page.getByTestId('pipeline-clusterer').selectOption('kmeans');
    await page.getByTestId('pipeline-k').fill('4');
    await page.getByTestId('pipeline-apply').click();
    await expect
      .poll(() => page.getByTestId('pipeline-message').textContent())
      .toBe('Applied: the next refit uses k-means (k 4).');
    await expect.poll(() => stages.getAttribute('data-ran'), { timeout: 30_000 }).toBe('kmeans');
    expect(await stages.textContent()).toContain('k-means (k 4)');
    const topics = Number(await page.getByTestId('topic-status').getAttribute('data-topics'));
    expect(topics).toBeGreaterThan(0);
    expect(topics).toBeLessThanOrEqual(4);

    // A value the server refuses comes back as its message, naming the parameter.
    await page.getByTestId('pipeline-k').fill('1');
    await page.getByTestId('pipeline-apply').click();
    await expect.poll(() => page.getByTestId('pipeline-message').textContent()).toMatch(/params\.clusterer\.k: /);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

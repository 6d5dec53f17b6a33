import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TopicAnalysis } from '../../contracts/analysis';
import { streamApi } from '../../contracts/http/streamRoutes';
import { callApi } from '../../app/lib/api';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServer, type StartedServer } from './support/startServer';
import { analyseWithApi, HOSTILE_BOLD, HOSTILE_IMG, importChat, syntheticAnalysis } from './support/workspaceFixtures';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Writes one of the README's pictures, only with `CHAT_TOPICS_SCREENSHOTS=1` (a test run leaves the tree as it was). */
async function shot(target: { screenshot(options: { path: string }): Promise<unknown> }, name: string): Promise<void> {
  if (process.env.CHAT_TOPICS_SCREENSHOTS === '1') await target.screenshot({ path: path.join(SCREENSHOTS, name) });
}
const PLANTED = 'le zeppelin violet atterrit sur la pelouse';

/** `[H:MM:SS]` as TwitchDownloader writes relative times. */
function stamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `[${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

/**
 * Twenty minutes of chat: six topics taking turns every 2 s, a 30-second burst of goal messages at 10:00 (a highlight)
 * with hostile markup inside it, and one planted message at 15:00 that search must find.
 */
function toolsChat(): string {
  const topics = [
    (i: number) => `l'arbitre est aveugle ${['carton', 'penalty', 'faute', 'sifflet'][i % 4]}`,
    (i: number) => `pizza ananas ${['jamais', 'toujours', 'margherita'][i % 3]} fromage`,
    (i: number) => `mets de la musique ${['rap', 'jazz', 'rock'][i % 3]} stp`,
    (i: number) => `bonjour le chat ${['salut', 'coucou', 'hello'][i % 3]} tout le monde`,
    (i: number) => `KEKW ${i % 2 === 0 ? 'LUL' : 'KEKW'} KEKW`,
    (i: number) => `c'est quoi ton setup ${['clavier', 'souris', 'écran'][i % 3]} ?`,
  ];
  const lines: string[] = [];
  for (let t = 1, i = 0; t < 1200; t += 2, i++) {
    lines.push(`${stamp(t)} viewer${i % 37}: ${topics[i % topics.length]!(Math.floor(i / topics.length))}`);
    if (t === 901) lines.push(`${stamp(t)} planteur: ${PLANTED}`);
    if (t >= 600 && t < 630) {
      for (let k = 0; k < 12; k++)
        lines.push(`${stamp(t)} fan${k}: QUEL BUT incroyable ${k % 2 ? 'golazo' : 'lucarne'}`);
      if (t === 611) lines.push(`${stamp(t)} mallory: ${HOSTILE_IMG}`, `${stamp(t)} mallory2: ${HOSTILE_BOLD}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Sets a range input as a user would drag it (native setter + input event, which React listens to). */
async function setRange(input: Locator, value: number): Promise<void> {
  await input.evaluate((el, v) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(el, String(v));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Clicks `button` and answers the downloaded file's name and bytes. */
async function download(page: Page, button: Locator): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const where = await file.path();
  return { name: file.suggestedFilename(), data: fs.readFileSync(where) };
}

/** No element made from chat markup anywhere in the tool views. */
async function expectNoMarkup(page: Page): Promise<void> {
  expect(await page.locator('[data-testid="ws-tools"] img').count()).toBe(0);
  expect(await page.locator('[data-testid="ws-tools"] b').count()).toBe(0);
}

describe('stream page: hierarchy, drill-down, search, highlights and export', () => {
  let server: StartedServer;
  let browser: Browser;
  let streamId: string;
  let key: string;
  let analysis: TopicAnalysis;

  beforeAll(async () => {
    server = await startServer({ args: ['--no-demo', '--no-topics'] });
    browser = await launchBrowser();
    streamId = await importChat(server.url, 'tools-chat.txt', 'toolschan', toolsChat());
    key = await analyseWithApi(server.url, streamId);
    analysis = await callApi(streamApi.analysis, { params: { id: streamId, key } }, { baseUrl: server.url });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openWorkspace(viewport = { width: 1366, height: 900 }, locale = 'en-US') {
    const opened = await openPage(browser, server.url, { viewport, locale });
    await opened.page.goto(`/streams/${encodeURIComponent(streamId)}`);
    await opened.page.getByTestId('ws-tools').waitFor({ timeout: 30_000 });
    return opened;
  }

  it('hierarchy: the slider reads the topics as that many groups; a group opens to topics that select', async () => {
    const { page, pageErrors, dialogs } = await openWorkspace();
    const n = analysis.topics.length;
    const merges = analysis.hierarchy!.merges.length;
    expect(n).toBeGreaterThanOrEqual(4);
    const slider = page.getByTestId('hierarchy-slider');
    const groups = page.getByTestId('hierarchy-group');
    await setRange(slider, n);
    await expect.poll(() => groups.count()).toBe(n);
    const fewest = Math.max(1, n - merges);
    await setRange(slider, fewest);
    await expect.poll(() => groups.count()).toBe(fewest);
    await setRange(slider, Math.min(n, fewest + 2));
    await expect.poll(() => groups.count()).toBe(Math.min(n, fewest + 2));
    expect(await page.getByTestId('hierarchy-group-count').getAttribute('data-count')).toBe(
      String(Math.min(n, fewest + 2)),
    );
    // The sizes of the groups add up to every topic message.
    const total = analysis.topics.reduce((s, t) => s + t.size, 0);
    await groups.first().locator('summary').click();
    const topic = page.getByTestId('hierarchy-topic').first();
    const id = Number(await topic.getAttribute('data-topic'));
    await topic.click();
    await expect
      .poll(() => page.getByTestId('drill-count').getAttribute('data-count'))
      .toBe(String(analysis.topics[id]!.size));
    expect(total).toBe(analysis.messages.filter((m) => m.topic >= 0).length);
    await shot(page.getByTestId('hierarchy-view'), 'tools-hierarchy.png');
    await shot(page.getByTestId('type-shares'), 'tools-type-shares.png');
    expect(await page.getByTestId('type-shares-selected').getAttribute('data-type')).toBe(
      analysis.topics[id]!.type ?? 'other',
    );
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('drill-down: lists a topic in a virtualised list, filters it, and opens the replay at a message', async () => {
    const { page, pageErrors, dialogs } = await openWorkspace();
    // The largest topic, picked through the hierarchy at one group per topic.
    const biggest = [...analysis.topics].sort((a, b) => b.size - a.size)[0]!;
    await setRange(page.getByTestId('hierarchy-slider'), analysis.topics.length);
    await page.locator(`[data-testid="hierarchy-group"][data-node="${biggest.id}"] summary`).click();
    await page.locator(`[data-testid="hierarchy-topic"][data-topic="${biggest.id}"]`).click();
    const count = page.getByTestId('drill-count');
    await expect.poll(() => count.getAttribute('data-count')).toBe(String(biggest.size));
    const rows = page.getByTestId('drill-row');
    // Only the rows in view are in the DOM.
    expect(await rows.count()).toBeLessThan(Math.min(biggest.size, 40));
    const members = analysis.messages.filter((m) => m.topic === biggest.id);
    const texts = members.map((m) => m.text);
    expect(await page.getByTestId('drill-text').first().textContent()).toBe(texts[0]);

    // Filter on a word (or, in a topic of identical texts, a user) that some of its messages have and others lack.
    const has = (m: (typeof members)[number], w: string) => `${m.text} ${m.user ?? ''}`.toLowerCase().includes(w);
    const candidates = [...new Set(members.flatMap((m) => [...m.text.split(/\s+/), m.user ?? '']))];
    const word = candidates
      .map((w) => w.toLowerCase())
      .find((w) => w.length >= 3 && members.some((m) => has(m, w)) && members.some((m) => !has(m, w)))!;
    expect(word).toBeTruthy();
    await page.getByTestId('drill-filter').fill(word);
    const expected = members.filter((m) => has(m, word)).length;
    await expect.poll(() => count.getAttribute('data-count')).toBe(String(expected));
    expect(expected).toBeLessThan(biggest.size);
    for (const row of await rows.all()) expect((await row.textContent())!.toLowerCase()).toContain(word);

    // Scrolling brings later rows in and keeps the DOM small.
    // A new list scrolls back to its top when it renders, so wait for the whole list before scrolling, and scroll
    // again on each poll (a scroll that lands before the render is undone by it).
    await page.getByTestId('drill-filter').fill('');
    await expect.poll(() => count.getAttribute('data-count')).toBe(String(biggest.size));
    await expect
      .poll(async () => {
        await page.getByTestId('drill-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
        return page.getByTestId('drill-text').last().textContent();
      })
      .toBe(texts[texts.length - 1]);
    expect(await rows.count()).toBeLessThan(40);
    await shot(page.getByTestId('drill-down'), 'tools-drill-down.png');

    // "Open in the replay at this moment": the replay opens at ?t= and seeks there.
    const row = rows.last();
    const elapsed = Number(await row.getAttribute('data-elapsed'));
    await row.getByTestId('drill-replay').click();
    await page.waitForURL(/\/replay\/[^?]+\?t=\d+$/);
    const t = Number(new URL(page.url()).searchParams.get('t'));
    expect(t).toBe(Math.max(0, Math.floor(elapsed) - 2));
    await expect
      .poll(async () => Number(await page.getByTestId('replay-position').getAttribute('data-position')), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(t);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('search: finds the planted message by text and by meaning, and shows hostile text literally', async () => {
    const { page, pageErrors, dialogs } = await openWorkspace();
    const input = page.getByTestId('search-input');
    const summary = page.getByTestId('search-summary');
    for (const mode of ['text', 'meaning'] as const) {
      await input.fill('zeppelin violet');
      await page.getByTestId(`search-mode-${mode}`).click();
      await page.getByTestId('search-submit').click();
      await expect.poll(() => page.getByTestId('search-results').getAttribute('data-mode')).toBe(mode);
      expect(await page.getByTestId('search-message-text').first().textContent()).toBe(PLANTED);
      const ms = Number(await summary.getAttribute('data-ms'));
      expect(ms).toBeGreaterThanOrEqual(0);
      console.log(`workspace-tools: search by ${mode} answered in ${ms.toFixed(1)} ms (server)`);
      if (mode === 'meaning') await shot(page.getByTestId('search-panel'), 'tools-search.png');
    }

    await input.fill('onerror');
    await page.getByTestId('search-mode-text').click();
    await page.getByTestId('search-submit').click();
    await expect.poll(() => page.getByTestId('search-message-text').first().textContent()).toBe(HOSTILE_IMG);
    await expectNoMarkup(page);

    // A result's topic selects it: the drill-down follows.
    await input.fill('zeppelin');
    await page.getByTestId('search-submit').click();
    const topicButton = page.getByTestId('search-message-topic').first();
    if ((await topicButton.count()) > 0) {
      await topicButton.click();
      await expect.poll(() => page.getByTestId('drill-title').textContent()).toMatch(/^Messages of topic \d+/);
    }
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('highlights: a click brushes the burst; chapters start at 0:00; .txt and CSV download', async () => {
    const { page, pageErrors, dialogs } = await openWorkspace();
    const highlights = analysis.highlights!;
    expect(highlights.length).toBeGreaterThan(0);
    const burst = highlights.find((h) => h.startElapsed <= 630 && h.endElapsed >= 600)!;
    expect(burst).toBeTruthy();
    await page
      .locator(`[data-testid="highlight"][data-start="${burst.startElapsed}"] [data-testid="highlight-brush"]`)
      .click();
    await expect.poll(() => page.getByTestId('drill-title').textContent()).toMatch(/^Messages from /);
    // The burst's hostile messages show in the drill-down as text.
    await page.getByTestId('drill-filter').fill('mallory');
    await expect.poll(() => page.getByTestId('drill-text').allTextContents()).toEqual([HOSTILE_IMG, HOSTILE_BOLD]);
    await expectNoMarkup(page);

    const chapters = (await page.getByTestId('highlights-chapters').textContent())!.split('\n');
    expect(chapters[0]).toMatch(/^0:00(:00)? /);
    for (const line of chapters) expect(line).toMatch(/^\d+:\d\d(:\d\d)? \S/);

    const txt = await download(page, page.getByTestId('highlights-txt'));
    expect(txt.name).toMatch(/chapters\.txt$/);
    expect(txt.data.toString('utf8').split('\n')[0]).toMatch(/^0:00(:00)? /);
    const csv = await download(page, page.getByTestId('highlights-csv'));
    const csvLines = csv.data.toString('utf8').split('\r\n');
    expect(csvLines[0]).toBe('start,end,start_elapsed,end_elapsed,peak_rate,messages,label,topics,topic_labels');
    expect(csvLines.length).toBe(highlights.length + 2);
    await shot(page.getByTestId('highlights-panel'), 'tools-highlights.png');
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('shows hostile labels literally in highlights, hierarchy and chapters (analysis tampered in transit)', async () => {
    const { page, pageErrors, dialogs } = await openPage(browser, server.url, {
      viewport: { width: 1366, height: 900 },
    });
    // The pipeline's labels are made of words, so markup cannot reach them from chat; a tampered or foreign
    // document can, and the views must still show it as text.
    await page.route(`**/api/streams/*/analyses/${encodeURIComponent(key)}`, async (route) => {
      const doc = (await (await route.fetch()).json()) as TopicAnalysis;
      doc.highlights![0]!.label = HOSTILE_IMG;
      doc.topics[0]!.label = HOSTILE_BOLD;
      doc.hierarchy!.merges[doc.hierarchy!.merges.length - 1]!.label = HOSTILE_IMG;
      await route.fulfill({ json: doc });
    });
    await page.goto(`/streams/${encodeURIComponent(streamId)}`);
    await page.getByTestId('ws-tools').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('highlight-label').first().textContent()).toBe(HOSTILE_IMG);
    expect(await page.getByTestId('highlights-chapters').textContent()).toContain(HOSTILE_IMG);
    await setRange(page.getByTestId('hierarchy-slider'), 1);
    const top = page.getByTestId('hierarchy-group').first();
    if (analysis.hierarchy!.merges.length === analysis.topics.length - 1)
      expect(await top.locator('summary').textContent()).toContain(HOSTILE_IMG);
    await top.locator('summary').click();
    await expect
      .poll(() => page.locator('[data-testid="hierarchy-topic"][data-topic="0"]').textContent())
      .toContain(HOSTILE_BOLD);
    await expectNoMarkup(page);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('export: the analysis JSON, the messages CSV, and each chart as SVG and PNG', async () => {
    const { page, pageErrors } = await openWorkspace();
    await page.getByTestId('export-open').click();
    const json = await download(page, page.getByTestId('export-json'));
    expect(JSON.parse(json.data.toString('utf8')).messages).toHaveLength(analysis.messages.length);
    const csv = await download(page, page.getByTestId('export-messages'));
    const lines = csv.data.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('elapsed,time,user,text,topic,topic_label,type,moment');
    expect(lines).toHaveLength(analysis.messages.length + 2);
    expect(lines.some((l) => l.includes(`,mallory,${HOSTILE_IMG},`))).toBe(true);

    const charts = await page
      .getByTestId('export-chart')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')));
    expect(charts).toEqual(expect.arrayContaining(['map', 'timeline', 'hierarchy', 'types']));
    const hierarchy = page.locator('[data-testid="export-chart"][data-chart="hierarchy"]');
    const svg = await download(page, hierarchy.getByTestId('export-chart-svg'));
    const svgText = svg.data.toString('utf8');
    expect(svg.name).toMatch(/hierarchy\.svg$/);
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('stroke:');
    const png = await download(page, hierarchy.getByTestId('export-chart-png'));
    expect(png.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Every chart of the page exports, the page helper's map canvas and timeline included.
    for (const name of charts) {
      const item = page.locator(`[data-testid="export-chart"][data-chart="${name}"]`);
      const file = await download(page, item.getByTestId('export-chart-png'));
      expect(file.data.length, name!).toBeGreaterThan(500);
    }
    expect(await page.getByTestId('export-error').count()).toBe(0);
    await shot(page.getByTestId('export-menu'), 'tools-export.png');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('drill-down: 20k messages scroll smoothly with only the visible rows in the DOM (synthetic analysis)', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { viewport: { width: 1366, height: 900 } });
    const n = 20_000;
    const big = syntheticAnalysis({ id: streamId, channel: 'toolschan' }, n);
    big.highlights = [
      { id: 0, startElapsed: 0, endElapsed: 3600, peakRate: 1, messages: n, label: 'everything', topics: [] },
    ];
    await page.route(`**/api/streams/*/analyses/${encodeURIComponent(key)}`, (route) => route.fulfill({ json: big }));
    await page.goto(`/streams/${encodeURIComponent(streamId)}`);
    await page.getByTestId('ws-tools').waitFor({ timeout: 30_000 });
    await page.getByTestId('highlight-brush').first().click();
    await expect.poll(() => page.getByTestId('drill-count').getAttribute('data-count')).toBe(String(n));

    // Scroll 300 px every frame for 150 frames and time the frames (the Performance API's clock).
    const frames = await page.getByTestId('drill-list').evaluate(async (el) => {
      const times: number[] = [];
      let maxRows = 0;
      await new Promise<void>((resolve) => {
        let last = performance.now();
        const step = (now: number) => {
          times.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, el.querySelectorAll('[data-testid="drill-row"]').length);
          el.scrollTop += 300;
          if (times.length < 150) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return { times: times.slice(1), maxRows };
    });
    const sorted = [...frames.times].sort((a, b) => a - b);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    console.log(
      `workspace-tools: drill-down of ${n} rows scrolled at ${(1000 / mean).toFixed(0)} fps (p95 frame ${p95.toFixed(1)} ms), at most ${frames.maxRows} rows in the DOM`,
    );
    expect(frames.maxRows).toBeLessThan(50);
    expect(1000 / mean).toBeGreaterThanOrEqual(30);
    // Where the list stopped, it shows the right messages.
    await page.waitForTimeout(200);
    const shown = await page
      .getByTestId('drill-row')
      .evaluateAll((rows) =>
        rows.map((r) => [
          Number(r.getAttribute('data-index')),
          r.querySelector('[data-testid="drill-text"]')!.textContent,
        ]),
      );
    expect(shown.length).toBeGreaterThan(0);
    expect(Math.min(...shown.map(([i]) => i as number))).toBeGreaterThan(1000);
    for (const [i, text] of shown) expect(text).toBe(big.messages[i as number]!.text);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('fits a 390 px wide screen in French: every tool view stays within the width', async () => {
    const { page, pageErrors } = await openWorkspace({ width: 390, height: 844 }, 'fr-FR');
    await page.getByTestId('highlight-brush').first().click();
    // In French, the dashboard's first language.
    expect(await page.getByTestId('hierarchy-view').textContent()).toContain('Nombre de sujets');
    expect(await page.getByTestId('highlights-chapters').textContent()).toMatch(/^0:00 Début\n/);
    for (const id of [
      'search-panel',
      'drill-down',
      'highlights-panel',
      'type-shares',
      'hierarchy-view',
      'export-menu',
    ]) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    await shot(page.getByTestId('ws-tools'), 'tools-narrow.png');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

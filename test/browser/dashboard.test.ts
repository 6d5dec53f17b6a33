import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, waitForValue } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

/** Home page and the demo channel's live page, against the real server with its simulated demo channel. */
describe('dashboard: home and demo channel', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ args: ['--demo-rate', '8'] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the demo channel as connected or playing, with a link to its page', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('socket-status').getAttribute('data-state')).toBe('connected');
    const demo = page.locator('[data-testid="channel-item"][data-channel="demo"]');
    await demo.waitFor();
    expect(await demo.getAttribute('data-kind')).toBe('demo');
    await expect.poll(() => demo.getAttribute('data-state')).toMatch(/^(connected|playing)$/);
    expect(await demo.getByTestId('channel-link').getAttribute('href')).toBe('/channel/demo');
    // The import form offers the server's formats (from /api/config), `auto` first.
    await expect.poll(() => page.getByTestId('import-format').locator('option').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('import-format').locator('option').first().textContent()).toBe('auto');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows the server error when joining an invalid Twitch login', async () => {
    const { page } = await openPage(browser, server.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('socket-status').getAttribute('data-state')).toBe('connected');
    await page.getByTestId('join-channel').fill('pas un login!');
    await page.getByTestId('join-form').locator('button[type="submit"]').click();
    const error = page.getByTestId('join-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/login/i);
    expect(await page.getByTestId('join-result').count()).toBe(0);
    await page.context().close();
  });

  it('answers a channel that does not exist with a not-found message and a link home, and no empty dashboard', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/channel/nosuch');
    const notFound = page.getByTestId('channel-not-found');
    await notFound.waitFor();
    expect(await notFound.getAttribute('data-channel')).toBe('nosuch');
    expect(await notFound.getByTestId('home-link').getAttribute('href')).toBe('/');
    // The channel page's parts are not drawn under it.
    for (const part of ['stream-clock', 'message-count', 'rate-chart', 'feed', 'topic-panel'])
      expect([part, await page.getByTestId(part).count()]).toEqual([part, 0]);
    await notFound.getByTestId('home-link').click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows the demo feed growing, the rate chart drawn and the stream clock advancing', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/');
    await page.locator('[data-testid="channel-item"][data-channel="demo"] [data-testid="channel-link"]').click();
    await page.waitForURL('**/channel/demo');

    const lines = page.getByTestId('feed-line');
    await lines.first().waitFor();
    const seqs = async () =>
      page.$$eval('[data-testid="feed-line"]', (els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    const maxSeq = async () => Math.max(0, ...(await seqs()));
    const firstMax = await maxSeq();
    await waitForValue(maxSeq, (s) => s > firstMax + 5, 20_000, 'new feed lines');
    // Each line: time, author, text.
    const first = lines.last();
    expect(await first.locator('time').textContent()).toMatch(/^\d+:\d\d:\d\d$/);
    expect((await first.locator('.feed-user').textContent())?.length).toBeGreaterThan(0);

    // No line twice, in seq order, capped.
    const shown = await seqs();
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown].sort((a, b) => a - b)).toEqual(shown);
    expect(shown.length).toBeLessThanOrEqual(500);

    // The rate chart: an svg with a drawn 15 s line (non-empty `d`) and axes.
    const chart = page.getByTestId('rate-chart');
    await chart.waitFor();
    const d = await waitForValue(
      () => page.getByTestId('rate-path').getAttribute('d'),
      (v) => typeof v === 'string' && v.length > 10 && v.startsWith('M'),
      20_000,
      'rate path',
    );
    expect(d).not.toContain('NaN');
    expect(await page.getByTestId('rate-path-long').getAttribute('d')).toMatch(/^M/);
    expect(await chart.locator('.x-axis .tick').count()).toBeGreaterThan(1);

    // The stream clock advances.
    const clock = page.getByTestId('stream-clock');
    expect(await clock.textContent()).toMatch(/^\d+:\d\d:\d\d$/);
    const seconds = async () => Number(await clock.getAttribute('data-seconds'));
    const c0 = await seconds();
    await waitForValue(seconds, (c) => c >= c0 + 2, 20_000, 'stream clock');
    await expect
      .poll(async () => Number(await page.getByTestId('message-count').getAttribute('data-count')))
      .toBeGreaterThan(0);
    expect(await page.getByTestId('channel-state').getAttribute('data-state')).toMatch(/^(connected|playing)$/);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('catches up after a reconnect without duplicate lines', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/channel/demo');
    await page.getByTestId('feed-line').first().waitFor();
    const status = page.getByTestId('socket-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('connected');

    // Cut the socket from the browser side (offline network): socket.io notices, then reconnects by itself.
    await page.context().setOffline(true);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).not.toBe('connected');
    const seqsBefore = await page.$$eval('[data-testid="feed-line"]', (els) =>
      els.map((e) => Number(e.getAttribute('data-seq'))),
    );
    const lastBefore = Math.max(...seqsBefore);
    await new Promise((r) => setTimeout(r, 1500));
    await page.context().setOffline(false);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('connected');

    const seqs = await waitForValue(
      () => page.$$eval('[data-testid="feed-line"]', (els) => els.map((e) => Number(e.getAttribute('data-seq')))),
      (s) => Math.max(...s) > lastBefore + 3,
      30_000,
      'lines after the reconnect',
    );
    expect(new Set(seqs).size).toBe(seqs.length);
    // The lines sent while offline came from the backlog: no gap right after the last line seen before.
    const after = seqs.filter((s) => s > lastBefore).sort((a, b) => a - b);
    expect(after[0]).toBe(lastBefore + 1);
    for (let i = 1; i < after.length; i++) expect(after[i]).toBe(after[i - 1]! + 1);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

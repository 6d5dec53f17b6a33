import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, waitForValue } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

const XSS = '<img src=x onerror=alert(1)>';
const IMPORTED = 3 + 299 + 80;

/** `[H:MM:SS]` as TwitchDownloader writes relative times. */
function stamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `[${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

/**
 * A TwitchDownloader TXT chat of ten minutes: a message every 2 s, one of them raw HTML that must show as text, and
 * a 16-second burst. 382 lines in all.
 */
function tinyChat(): string {
  const lines = [`${stamp(1)} viewer1: salut`, `${stamp(2)} viewer2: bonjour à tous`, `${stamp(3)} mallory: ${XSS}`];
  for (let t = 4; t <= 600; t += 2) {
    lines.push(`${stamp(t)} viewer${t % 7}: message ${t} <b>pas du gras</b>`);
    // A burst at 7:30-7:45: 5 more messages a second (the rate chart marks it).
    if (t >= 450 && t < 466)
      for (let k = 0; k < 10; k++) lines.push(`${stamp(t + Math.floor(k / 5))} spammer${k}: KEKW KEKW`);
  }
  return lines.join('\n') + '\n';
}

async function readPosition(page: Page): Promise<number> {
  return Number(await page.getByTestId('replay-position').getAttribute('data-position'));
}

/** Sets the seek slider as a user would drag it (native value setter + input event, which React listens to). */
async function seekTo(page: Page, seconds: number): Promise<void> {
  await page.getByTestId('replay-seek').evaluate((el, value) => {
    const input = el as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, seconds);
}

describe('dashboard: import, replay and transport controls', () => {
  let server: StartedServer;
  let browser: Browser;
  let tmp: string;
  let chatFile: string;
  let badFile: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-topics-upload-test-'));
    chatFile = path.join(tmp, 'tiny-chat.txt');
    fs.writeFileSync(chatFile, tinyChat());
    badFile = path.join(tmp, 'notes.bin');
    fs.writeFileSync(badFile, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x42, 0x13, 0x37, 0x00, 0x99, 0x10, 0x20]));
    server = await startServer({ args: ['--no-demo'] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a TwitchDownloader TXT file through the form and lists the new stream', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('socket-status').getAttribute('data-state')).toBe('connected');
    await page.getByTestId('import-file').setInputFiles(chatFile);
    await page.getByTestId('import-channel').fill('testchan');
    await page.getByTestId('import-submit').click();

    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('import-imported').textContent())).toBe(IMPORTED);
    expect(Number(await page.getByTestId('import-skipped').textContent())).toBe(0);
    const streamId = await result.getAttribute('data-stream-id');
    expect(streamId).toBeTruthy();
    expect(await result.textContent()).toContain(streamId!);

    // `streams:update` puts it in the archive list.
    const row = page.locator(`[data-testid="stream-item"][data-stream-id="${streamId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('stream-count').textContent()).toContain(String(IMPORTED));
    expect(await row.textContent()).toContain('testchan');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows a clear error for an unrecognised file', async () => {
    const { page } = await openPage(browser, server.url);
    await page.goto('/');
    await page.getByTestId('import-file').setInputFiles(badFile);
    await page.getByTestId('import-submit').click();
    const error = page.getByTestId('import-error');
    await error.waitFor({ timeout: 30_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/format|recogni/i);
    // One short line: the formats accepted and where it failed (each format's shape is in the server log).
    expect(text.length).toBeLessThanOrEqual(260);
    expect(text).toContain('jsonl');
    expect(await page.getByTestId('import-result').count()).toBe(0);
    await page.context().close();
  });

  it('says an import cut short is incomplete, in the form and in the stream list', async () => {
    const comment = (i: number) =>
      JSON.stringify({
        _id: `c${i}`,
        created_at: `2023-05-01T20:00:0${i}Z`,
        content_offset_seconds: i,
        commenter: { display_name: `User${i}`, _id: String(i), name: `user${i}` },
        message: {
          body: `salut ${i}`,
          fragments: [{ text: `salut ${i}`, emoticon: null }],
          user_badges: [],
          bits_spent: 0,
        },
      });
    const head =
      '{"streamer":{"name":"cutchan","id":1},"video":{"title":"t","created_at":"2023-05-01T20:00:00Z","start":0,"end":100},"comments":[';
    const cutFile = path.join(tmp, 'cut.json');
    // Three whole comments, then the file stops inside the fourth (a download that died).
    fs.writeFileSync(cutFile, head + [1, 2, 3].map(comment).join(',') + ',' + comment(4).slice(0, 40));
    const { page } = await openPage(browser, server.url);
    await page.goto('/');
    await page.getByTestId('import-file').setInputFiles(cutFile);
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-complete')).toBe('false');
    expect(await page.getByTestId('import-incomplete').textContent()).toMatch(/ends early|truncated/i);
    const row = page.locator(
      `[data-testid="stream-item"][data-stream-id="${await result.getAttribute('data-stream-id')}"]`,
    );
    await row.waitFor();
    expect(await row.getByTestId('stream-incomplete').count()).toBe(1);
    expect(await row.getByTestId('stream-count').textContent()).toContain('3');
    await page.context().close();
  });

  it('replays the stream: chat HTML shows as literal text; play, pause, seek and speed work', async () => {
    const { page, pageErrors, dialogs } = await openPage(browser, server.url);
    await page.goto('/');
    const row = page.locator('[data-testid="stream-item"][data-channel="testchan"]').first();
    await row.waitFor();
    // A first replay plays at x1, and the button says so.
    expect(await row.getByTestId('replay-button').getAttribute('data-speed')).toBe('1');
    await row.getByTestId('replay-button').click();
    await page.waitForURL(/\/replay\/replay-\d+$/);
    const key = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByTestId('channel-title').textContent()).toBe(key);
    expect(await page.getByTestId('replay-speed').inputValue()).toBe('1');
    // The page is named after the stream (its channel and title), not the replay's key.
    const heading = page.getByTestId('replay-heading');
    await expect.poll(() => heading.getAttribute('data-channel')).toBe('testchan');
    expect(await heading.textContent()).toContain('tiny-chat');
    await expect.poll(() => page.title()).toContain('testchan');
    expect(await page.title()).not.toContain(key);

    // The HTML message arrives (×1: after about 3 s) and is shown as its characters, never as an element.
    const xssLine = page.getByTestId('feed-text').filter({ hasText: 'onerror' });
    await xssLine.first().waitFor({ timeout: 30_000 });
    expect(await xssLine.first().textContent()).toBe(XSS);
    expect(await page.locator('[data-testid="feed"] img').count()).toBe(0);
    expect(await page.locator('[data-testid="feed"] b').count()).toBe(0);
    await page.getByTestId('feed-text').filter({ hasText: '<b>pas du gras</b>' }).first().waitFor();
    expect(await page.locator('[data-testid="feed"] b').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Playing at ×10: the position advances.
    const toggle = page.getByTestId('replay-toggle');
    await expect.poll(() => toggle.getAttribute('data-playing')).toBe('true');
    expect(await page.getByTestId('replay-position').getAttribute('data-duration')).toBe('600');
    const p0 = await readPosition(page);
    await waitForValue(
      () => readPosition(page),
      (p) => p > p0 + 5,
      20_000,
      'replay position while playing',
    );
    await expect.poll(() => page.getByTestId('channel-state').getAttribute('data-state')).toBe('playing');

    // Pause: the position stops.
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-playing')).toBe('false');
    await expect.poll(() => page.getByTestId('channel-state').getAttribute('data-state')).toBe('paused');
    const paused = await readPosition(page);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await readPosition(page)).toBeCloseTo(paused, 1);
    const countPaused = await page.getByTestId('feed-line').count();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await page.getByTestId('feed-line').count()).toBe(countPaused);

    // Seek (while paused) to 5:00.
    await seekTo(page, 300);
    await waitForValue(
      () => readPosition(page),
      (p) => Math.abs(p - 300) < 1,
      20_000,
      'position after seek',
    );
    await expect.poll(() => page.getByTestId('replay-position').textContent()).toContain('0:05:00');

    // Speed ×100, then resume: it plays from 5:00 much faster, and the feed shows lines from after 5:00.
    await page.getByTestId('replay-speed').selectOption('100');
    await expect.poll(() => page.getByTestId('replay-speed').inputValue()).toBe('100');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-playing')).toBe('true');
    await waitForValue(
      () => readPosition(page),
      (p) => p > 330,
      20_000,
      'position at ×100',
    );
    const times = await page.$$eval('[data-testid="feed-line"] time', (els) => els.map((e) => e.textContent ?? ''));
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t >= '0:05:00')).toBe(true);

    // At ×100 the 10-minute stream ends within seconds.
    await expect.poll(() => page.getByTestId('replay-status').textContent(), { timeout: 30_000 }).toBe('ended');
    expect(await readPosition(page)).toBe(600);
    // The burst at 7:30 is marked on the chart (the rate window restarted at the 5:00 seek).
    await expect.poll(() => page.getByTestId('burst-marker').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('burst-area').count()).toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await page.getByTestId('message-count').getAttribute('data-count')))
      .toBe(IMPORTED);

    // Play again: the count restarts with the stream and never exceeds it; the clock reads what the transport reads.
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-playing')).toBe('true');
    const samples: { count: number; clock: number; position: number }[] = [];
    for (let i = 0; i < 12; i++) {
      samples.push(
        await page.evaluate(() => ({
          count: Number(document.querySelector('[data-testid="message-count"]')!.getAttribute('data-count')),
          clock: Number(document.querySelector('[data-testid="stream-clock"]')!.getAttribute('data-seconds')),
          position: Number(document.querySelector('[data-testid="replay-position"]')!.getAttribute('data-position')),
        })),
      );
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const s of samples) {
      expect(s.count).toBeLessThanOrEqual(IMPORTED);
      expect(Math.abs(s.clock - Math.floor(s.position))).toBeLessThanOrEqual(1);
    }
    expect(samples.some((s) => s.count < IMPORTED)).toBe(true);
    await expect.poll(() => page.getByTestId('replay-status').textContent(), { timeout: 30_000 }).toBe('ended');
    await expect
      .poll(async () => Number(await page.getByTestId('message-count').getAttribute('data-count')))
      .toBe(IMPORTED);

    // The next replay starts at the speed last chosen (x100), and says so.
    await page.goto('/');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="stream-item"][data-channel="testchan"]')
          .first()
          .getByTestId('replay-button')
          .getAttribute('data-speed'),
      )
      .toBe('100');
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServer, type StartedServer } from './support/startServer';

/** The demo at 25 msg/s, refits every 2 s once it has 60 messages: topics within seconds. */
const SERVER_ARGS = ['--demo-rate', '25', '--topics-refit-seconds', '2', '--topics-min-messages', '60'];

/** Set to write docs/screenshots/overlay.png (the README's picture). */
const SCREENSHOTS = process.env.CHAT_TOPICS_SCREENSHOTS === '1';

async function pageBox(page: Page) {
  return page.evaluate(() => {
    const html = document.documentElement;
    return {
      scrollWidth: html.scrollWidth,
      clientWidth: html.clientWidth,
      scrollHeight: html.scrollHeight,
      clientHeight: html.clientHeight,
      htmlBackground: getComputedStyle(html).backgroundColor,
      bodyBackground: getComputedStyle(document.body).backgroundColor,
      htmlOverflow: getComputedStyle(html).overflow,
      header: document.querySelector('.site-header')
        ? getComputedStyle(document.querySelector('.site-header')!).display
        : 'none',
    };
  });
}

describe('stream overlay: /overlay/<channel>', () => {
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

  it('draws the Now topics on a transparent page, without header or scrollbars', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { viewport: { width: 800, height: 450 } });
    await page.goto('/overlay/demo?n=4&questions=1&lang=en');
    const overlay = page.getByTestId('overlay');
    await overlay.waitFor();
    await expect.poll(() => page.getByTestId('now-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('now-item').count()).toBeLessThanOrEqual(4);
    expect(await page.locator('.overlay-title').textContent()).toBe('Right now in chat');

    const box = await pageBox(page);
    expect(box.htmlBackground).toBe('rgba(0, 0, 0, 0)');
    expect(box.bodyBackground).toBe('rgba(0, 0, 0, 0)');
    expect(box.header).toBe('none');
    expect(box.htmlOverflow).toBe('hidden');
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    expect(box.scrollHeight).toBeLessThanOrEqual(box.clientHeight);
    // Large type: an overlay is read from across the room, over a game.
    const fontSize = await page
      .getByTestId('now-label')
      .first()
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(Number.parseFloat(fontSize)).toBeGreaterThanOrEqual(24);

    if (SCREENSHOTS) {
      await page.waitForTimeout(1500);
      const file = path.join(REPO_ROOT, 'docs', 'screenshots', 'overlay.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, omitBackground: true });
    }
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('takes its language from the address, and the light theme, at phone width without overflow', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, {
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
    });
    await page.goto('/overlay/demo?lang=fr&theme=light&n=3');
    await page.getByTestId('overlay').waitFor();
    expect(await page.locator('.overlay-title').textContent()).toBe('En ce moment sur le chat');
    expect(await page.getByTestId('overlay').getAttribute('class')).toContain('overlay-light');
    await expect.poll(() => page.getByTestId('now-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('now-item').count()).toBeLessThanOrEqual(3);
    const box = await pageBox(page);
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    expect(box.bodyBackground).toBe('rgba(0, 0, 0, 0)');
    // The overlay's language does not become the dashboard's: the reader's English stays.
    await page.goto('/');
    await expect.poll(() => page.getByTestId('channel-list').locator('h2').textContent()).toBe('Channels');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServer, type StartedServer } from './support/startServer';

/** The demo at 25 msg/s, refits every 2 s once it has 60 messages: topics within seconds. */
const SERVER_ARGS = ['--demo-rate', '25', '--topics-refit-seconds', '2', '--topics-min-messages', '60'];

/** Set to write the channel page's screenshots to docs/screenshots/ (the README's pictures). */
const SCREENSHOTS = process.env.CHAT_TOPICS_SCREENSHOTS === '1';

const PHONE = { width: 390, height: 844 };

/** How far the page is wider than the window (0: no horizontal scrolling), and the widest element past the edge. */
async function overflow(page: Page): Promise<{ excess: number; culprit: string }> {
  return page.evaluate(() => {
    const html = document.documentElement;
    let culprit = '';
    let right = html.clientWidth;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.right > right + 0.5) {
        right = r.right;
        culprit = `${el.tagName.toLowerCase()}.${el.className}`;
      }
    }
    return { excess: html.scrollWidth - html.clientWidth, culprit };
  });
}

describe('layout: the first screen and phone widths', () => {
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

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`shows the Now panel's topics without scrolling at ${viewport.width}x${viewport.height}`, async () => {
      const { page, pageErrors } = await openPage(browser, server.url, { viewport, locale: 'fr-FR' });
      await page.goto('/channel/demo');
      const first = page.locator('[data-testid="now-panel"] [data-testid="now-item"]').first();
      await first.waitFor({ timeout: 60_000 });
      const heading = await page.getByTestId('now-panel').locator('h2').boundingBox();
      const box = await first.boundingBox();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(heading!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      const { excess, culprit } = await overflow(page);
      expect(excess, `wider than the window; widest element: ${culprit}`).toBe(0);
      if (SCREENSHOTS) {
        // A few refits in, so the panel shows a stream under way rather than its first minute.
        await page.waitForTimeout(8_000);
        await page.screenshot({
          path: path.join(REPO_ROOT, 'docs', 'screenshots', `channel-${viewport.width}x${viewport.height}.png`),
        });
      }
      expect(pageErrors).toEqual([]);
      await page.context().close();
    });
  }

  it('never scrolls sideways at 390 px: home, channel, overlay and admin', async () => {
    if (SCREENSHOTS) fs.mkdirSync(path.join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true });
    const { page, pageErrors } = await openPage(browser, server.url, { viewport: PHONE, locale: 'fr-FR' });
    for (const route of ['/', '/channel/demo', '/overlay/demo?questions=1', '/admin']) {
      await page.goto(route);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(1500);
      const { excess, culprit } = await overflow(page);
      expect(excess, `${route} is wider than the window; widest element: ${culprit}`).toBe(0);
    }
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, waitForValue } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';
import { analyseWithApi, importChat, workspaceChat } from './support/workspaceFixtures';

/** axe-core's browser bundle, injected into each page (the test never loads it from the network). */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A busy demo with quick refits, so the channel page has topic cards to check as well as its empty states. */
const SERVER_ARGS = ['--demo-rate', '100', '--topics-refit-seconds', '2', '--topics-min-messages', '60'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it stands (WCAG 2.0/2.1 A and AA rules) and answers its serious and critical
 * violations, each with the elements it names, so a failure says what to fix and where.
 */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).flatMap((n) => n.target),
      }));
  });
}

describe('accessibility: no serious or critical axe-core violations', () => {
  let server: StartedServer;
  let browser: Browser;
  /** An imported stream analysed with bag-of-words, for the stream page. */
  let streamId: string;

  beforeAll(async () => {
    server = await startServer({ args: SERVER_ARGS });
    browser = await launchBrowser();
    streamId = await importChat(server.url, 'a11y.txt', 'popcorn', workspaceChat());
    await analyseWithApi(server.url, streamId);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`the home page, the demo channel with its topics, the admin sign-in, a stream page and the overlay at ${viewport.width}x${viewport.height}`, async () => {
      const { page } = await openPage(browser, server.url, { locale: 'fr-FR', viewport });
      await page.goto('/');
      await page.getByRole('heading').first().waitFor();
      expect(await seriousViolations(page), 'home page').toEqual([]);

      await page.goto('/channel/demo');
      // The check covers the topic cards, not only the page before its first refit.
      await waitForValue(
        () => page.locator('[data-testid="topic-card"], [data-testid="moment-card"]').count(),
        (n) => n > 0,
        60_000,
        'topic cards on the demo channel',
      );
      expect(await seriousViolations(page), 'demo channel').toEqual([]);

      await page.goto('/admin');
      await page.getByRole('heading').first().waitFor();
      expect(await seriousViolations(page), 'admin sign-in').toEqual([]);

      await page.goto(`/streams/${encodeURIComponent(streamId)}`);
      await page.getByTestId('ws-grid').waitFor();
      expect(await seriousViolations(page), 'stream page').toEqual([]);

      await page.goto('/overlay/demo?questions=1');
      await page.waitForLoadState('load');
      expect(await seriousViolations(page), 'overlay').toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, waitForValue } from './support/browser';
import { PLANTED_QUESTION, PLANTED_QUESTION_AT, PLANTED_SECONDS, replayPlantedChat } from './support/plantedChat';
import { startServer, type StartedServer } from './support/startServer';

/** Refits every 2 s once a channel has 60 messages, as the topic panel's tests run. */
const SERVER_ARGS = ['--demo-rate', '25', '--topics-refit-seconds', '2', '--topics-min-messages', '60'];

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

interface NowItem {
  kind: string;
  label: string;
  mark: string;
  recent: number;
}

async function nowItems(page: Page): Promise<NowItem[]> {
  return page.$$eval('[data-testid="now-panel"] [data-testid="now-item"]', (els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind') ?? '',
      label: el.querySelector('[data-testid="now-label"]')?.textContent ?? '',
      mark: el.getAttribute('data-mark') ?? '',
      recent: Number(el.getAttribute('data-recent')),
    })),
  );
}

/** The Now panel's items with the refit they come from, read in one browser task (one rendered snapshot). */
async function nowState(page: Page): Promise<{ refits: number; refitClock: number; items: NowItem[] }> {
  const [refits, refitClock] = await page
    .getByTestId('now-panel')
    .evaluate((el) => [Number(el.getAttribute('data-refits')), Number(el.getAttribute('data-refit-clock') || -1)]);
  return { refits: refits!, refitClock: refitClock!, items: await nowItems(page) };
}

describe('dashboard: the Now panel and the questions', () => {
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

  it('shows a planted rising topic in the Now panel within one refit, greetings merged, at 1366x768 and 390x844', async () => {
    // One replay, watched at both widths. At x10 the engine keeps every message: at x1000 it samples the stream, and
    // which messages (the last one, some of the planted minute) it keeps depends on the machine's speed.
    const laptop = await openPage(browser, server.url, { viewport: LAPTOP });
    const key = await replayPlantedChat(laptop.page, server.url, 'now', 10);
    const phone = await openPage(browser, server.url, { viewport: PHONE });
    await phone.page.goto(`/replay/${key}`);
    for (const [{ page, pageErrors }, viewport] of [
      [laptop, LAPTOP],
      [phone, PHONE],
    ] as const) {
      // The first snapshot from a refit whose window holds the planted minute (its clock is the stream's end)
      // already shows the rising topic: no second refit needed.
      const firstFull = await waitForValue(
        () => nowState(page),
        (s) => s.refitClock >= PLANTED_SECONDS - 2,
        90_000,
        `a refit of the whole planted stream at ${viewport.width} px`,
      );
      const items = firstFull.items;
      expect(items.map((i) => i.label).join(' | ')).toMatch(/manette/);
      const planted = items.find((i) => /manette/.test(i.label))!;
      expect(planted.mark).toBe('rising');
      // All 36 planted messages are in the last minute; a few may be left as noise.
      expect(planted.recent).toBeGreaterThanOrEqual(20);
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items.length).toBeLessThanOrEqual(8);
      // Ranked by the last minutes, not by size: the rising topic comes before the biggest topic of the window.
      const boss = items.findIndex((i) => /boss/.test(i.label));
      if (boss >= 0) expect(items.indexOf(planted)).toBeLessThan(boss);

      // The greetings are one group, which opens to the greeting topics it merges.
      const groups = page.locator('[data-testid="now-panel"] [data-testid="now-greetings"]');
      expect(await groups.count()).toBe(1);
      expect(items.filter((i) => i.kind === 'greetings').map((i) => i.label)).toEqual(['Greetings']);
      const variants = groups.getByTestId('now-greeting-variant');
      expect(await variants.first().isVisible()).toBe(false);
      await groups.locator('summary').click();
      await variants.first().waitFor();
      const variantTexts = await variants.allTextContents();
      expect(variantTexts.length).toBeGreaterThanOrEqual(1);
      expect(variantTexts.join(' ')).toMatch(/salut|bonjour|coucou|peepoHey|VoHiYo/);
      // No greeting shows outside the group (the planted chat greets with these words only).
      for (const item of items.filter((i) => i.kind === 'topic'))
        expect(item.label).not.toMatch(/salut|bonjour|coucou|peepoHey|VoHiYo/);

      // The Now panel is on the first screen, and the full list waits closed below it.
      const box = await page.getByTestId('now-panel').boundingBox();
      expect(box!.y).toBeLessThan(viewport.height - 120);
      expect(await page.getByTestId('topic-all').getAttribute('open')).toBeNull();
      expect(pageErrors).toEqual([]);
    }
    await laptop.page.context().close();
    await phone.page.context().close();
  });

  it('lists a planted question with its count and first time, and hides it for good when dismissed', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { viewport: LAPTOP });
    await replayPlantedChat(page, server.url, 'questions');
    const question = page.locator('[data-testid="question"]').filter({ hasText: PLANTED_QUESTION });
    await question.waitFor({ timeout: 30_000 });
    await expect.poll(() => question.getAttribute('data-count'), { timeout: 20_000 }).toBe('3');
    expect(await question.getByTestId('question-count').textContent()).toBe('asked 3 times');
    expect(await question.getByTestId('question-first').getAttribute('data-first')).toBe(String(PLANTED_QUESTION_AT));
    expect(await question.getByTestId('question-first').textContent()).toBe('since 0:05:18');
    // Laughter with a question mark is no question.
    expect(await page.getByTestId('question-text').allTextContents()).not.toContain('mdr ?');

    await question.getByTestId('question-dismiss').click();
    await expect.poll(() => question.count()).toBe(0);
    await expect.poll(() => page.getByTestId('questions-restore').textContent()).toBe('Show 1 hidden question');
    // Kept in this browser: still hidden after a reload.
    await page.reload();
    await page.getByTestId('questions-panel').waitFor();
    await expect.poll(() => page.getByTestId('questions-restore').count(), { timeout: 20_000 }).toBe(1);
    expect(await question.count()).toBe(0);
    await page.getByTestId('questions-restore').click();
    await question.waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('speaks French to a French browser: the panel, the greeting group and the question counts', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { viewport: LAPTOP, locale: 'fr-FR' });
    await replayPlantedChat(page, server.url, 'nowfr');
    const panel = page.getByTestId('now-panel');
    await expect.poll(() => panel.locator('h2').textContent()).toBe('En ce moment');
    await expect
      .poll(() => page.locator('[data-testid="now-greetings"] [data-testid="now-label"]').textContent(), {
        timeout: 45_000,
      })
      .toBe('Salutations');
    const question = page.locator('[data-testid="question"]').filter({ hasText: PLANTED_QUESTION });
    await expect.poll(() => question.getAttribute('data-count'), { timeout: 30_000 }).toBe('3');
    expect(await question.getByTestId('question-count').textContent()).toBe('posée 3 fois');
    expect(await page.getByTestId('topic-all-toggle').textContent()).toMatch(/^Tous les sujets \(\d+\)$/);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('says how many messages the first topics wait for while a channel warms up', async () => {
    const warm = await startServer({ args: ['--demo-rate', '1', '--topics-min-messages', '5000'] });
    try {
      const { page, pageErrors } = await openPage(browser, warm.url, { viewport: LAPTOP });
      await page.goto('/channel/demo');
      const status = page.getByTestId('now-status');
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('warming-up');
      expect(await status.textContent()).toMatch(/^The first topics come after 5,000 messages: \d+ so far\.$/);
      expect(pageErrors).toEqual([]);
      await page.context().close();
    } finally {
      await warm.stop();
    }
  });
});

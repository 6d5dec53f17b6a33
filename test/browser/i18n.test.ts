import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, waitForValue } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

/** A busy demo (past 1,000 messages within seconds) with quick refits, and an import limit with a decimal. */
const SERVER_ARGS = [
  '--demo-rate',
  '100',
  '--topics-refit-seconds',
  '2',
  '--topics-min-messages',
  '60',
  '--import-max-mb',
  '12.5',
];

const LAPTOP = { width: 1366, height: 768 };

/** Intl's French digit groups and percent use narrow or plain no-break spaces. */
const FRENCH_GROUP = /\d[\u202f\u00a0]\d{3}/;

/** A three-minute TwitchDownloader TXT chat whose three topics are written with accents. */
function accentedChat(): string {
  const topics = [
    (i: number) => `la carte mère a grillé ${i % 2 === 0 ? 'encore' : 'franchement'}`,
    (i: number) => `le défi de l'été est réussi ${i % 2 === 0 ? 'bravo' : 'trop fort'}`,
    (i: number) => `très bien joué à la fin ${i % 2 === 0 ? 'gg' : 'énorme'}`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < 90; i++) {
    const s = 2 * i;
    const stamp = `[0:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
    topics.forEach((text, k) => lines.push(`${stamp} viewer${(i * 3 + k) % 23}: ${text(i)}`));
  }
  return lines.join('\n') + '\n';
}

/** The channel page's message counter: its raw number and the text shown, read together. */
async function messageCount(page: Page): Promise<{ count: number; text: string }> {
  return page.getByTestId('message-count').evaluate((el) => ({
    count: Number(el.getAttribute('data-count')),
    text: el.textContent ?? '',
  }));
}

describe('dashboard: French by default, English on demand', () => {
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

  it('speaks French to a French browser, switches to English from the header, and keeps the choice on reload', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { locale: 'fr-FR', viewport: LAPTOP });
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr-FR');
    expect(await page.getByTestId('language-fr').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('channel-list').locator('h2').textContent()).toBe('Chaînes');
    expect(await page.locator('.site-header nav').textContent()).toContain('Démo');
    // The import limit from the server's configuration, in French units and decimals.
    await expect
      .poll(() => page.getByTestId('import-form').locator('xpath=following-sibling::p[1]').textContent())
      .toMatch(/jusqu’à 12,5\sMo\.$/);

    await page.goto('/channel/demo');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr-FR');
    expect(await page.getByTestId('topic-panel').locator('h2').textContent()).toBe('Sujets');
    expect(await page.locator('.channel-head dt').first().textContent()).toBe('Temps du stream');
    // Counts are grouped the French way (1 234), while data-count keeps the raw number.
    const french = await waitForValue(
      () => messageCount(page),
      (m) => m.count >= 1000,
      30_000,
      '1,000 messages',
    );
    expect(french.text).toMatch(FRENCH_GROUP);
    expect(french.text.replace(/\D/g, '')).toBe(String(french.count));

    // The streamer's words up front, the engine's figures behind a closed "Détails".
    const status = page.getByTestId('topic-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 45_000 }).toBe('ready');
    expect(await page.getByTestId('topic-count').textContent()).toMatch(/^\d+ sujets?/);
    const details = page.getByTestId('topic-details');
    expect(await details.locator('summary').textContent()).toBe('Détails');
    expect(await details.getAttribute('open')).toBeNull();
    expect(await details.getByText('p50', { exact: false }).isVisible()).toBe(false);
    expect(await details.textContent()).toMatch(/bruit \(messages sans sujet\) : \d+(,\d)?\s%/);
    // The full topic list is closed under the Now panel.
    await page.getByTestId('topic-all-toggle').click();
    await page.getByTestId('topic-card').first().waitFor();
    expect(await page.getByTestId('topic-card').first().locator('.topic-term-score').count()).toBe(0);

    // EN in the header: English words and US number formats, at once.
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en-US');
    expect(await page.getByTestId('topic-panel').locator('h2').textContent()).toBe('Topics');
    expect(await page.locator('.channel-head dt').first().textContent()).toBe('Stream clock');
    await expect.poll(async () => (await messageCount(page)).text).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(await page.getByTestId('topic-details').locator('summary').textContent()).toBe('Details');

    // The choice outlives a reload, whatever the browser says.
    await page.reload();
    await expect.poll(() => page.getByTestId('topic-panel').locator('h2').textContent()).toBe('Topics');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    expect(await page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');

    // And back to French.
    await page.getByTestId('language-fr').click();
    await expect.poll(() => page.getByTestId('topic-panel').locator('h2').textContent()).toBe('Sujets');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('follows the first language of the browser it has: English for en-GB, French for a German browser', async () => {
    for (const [locale, heading] of [
      ['en-GB', 'Channels'],
      ['de-DE', 'Chaînes'],
    ] as const) {
      const { page } = await openPage(browser, server.url, { locale, viewport: LAPTOP });
      await page.goto('/');
      await expect.poll(() => page.getByTestId('channel-list').locator('h2').textContent()).toBe(heading);
      await page.context().close();
    }
  });

  it('shows topic labels with the accents chat wrote them with', async () => {
    const { operatorToken } = (await (await fetch(`${server.url}/api/config`)).json()) as { operatorToken: string };
    const res = await fetch(`${server.url}/api/import?name=accents.txt&channel=accentchan`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': operatorToken },
      body: accentedChat(),
    });
    expect(res.status).toBe(200);

    const { page, pageErrors } = await openPage(browser, server.url, { locale: 'fr-FR', viewport: LAPTOP });
    await page.goto('/');
    const row = page.locator('[data-testid="stream-item"][data-channel="accentchan"]').first();
    await row.waitFor();
    await row.getByTestId('replay-button').click();
    await page.waitForURL(/\/replay\/[^/]+$/);
    await page.getByTestId('replay-speed').selectOption('1000');
    const terms = await waitForValue(
      () => page.$$eval('[data-testid="topic-term"] .topic-term-text', (els) => els.map((e) => e.textContent ?? '')),
      (list) => list.length > 0,
      45_000,
      'topic terms',
    );
    expect(terms.some((term) => /[éèêà]/.test(term))).toBe(true);
    expect(terms.filter((term) => /\b(mere|grille|defi|ete|tres|joue)\b/.test(term))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

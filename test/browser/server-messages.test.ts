import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';

/** Joins `channel` from the home page's form and returns the refusal shown. */
async function refusedJoin(page: Page, channel: string): Promise<string> {
  await expect.poll(() => page.getByTestId('socket-status').getAttribute('data-state')).toBe('connected');
  await page.getByTestId('join-channel').fill(channel);
  await page.getByTestId('join-form').locator('button[type="submit"]').click();
  const error = page.getByTestId('join-error');
  await expect.poll(() => error.textContent()).toContain(channel);
  return (await error.textContent()) ?? '';
}

/** Imports a file in no known format and returns the refusal shown. */
async function refusedImport(page: Page): Promise<string> {
  await page.getByTestId('import-file').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n'),
  });
  await page.getByTestId('import-submit').click();
  const error = page.getByTestId('import-error');
  await error.waitFor({ timeout: 30_000 });
  return (await error.textContent()) ?? '';
}

/** The server's refusals are said in the page's language: French first, English on an English browser. */
describe('server messages in the page language', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ args: ['--demo-rate', '4'] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says a refused join and a refused import in French on a French browser', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { locale: 'fr-FR' });
    await page.goto('/');
    expect(await refusedJoin(page, 'pas un login!')).toBe(
      '« pas un login! » n’est pas un login Twitch : de 1 à 25 lettres, chiffres ou _, sans espace.',
    );
    const imported = await refusedImport(page);
    expect(imported).toMatch(
      /^Format non reconnu : notes\.txt n’est pas un fichier de chat reconnu ; formats acceptés : .*jsonl/,
    );
    expect(imported).toContain('la ligne 1 ne correspond à aucun : « Lorem ipsum dolor sit amet »');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('says them in English on an English browser', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { locale: 'en-US' });
    await page.goto('/');
    expect(await refusedJoin(page, 'pas un login!')).toBe(
      '"pas un login!" is not a Twitch login: 1 to 25 letters, digits or _, without spaces.',
    );
    expect(await refusedImport(page)).toMatch(
      /^Unrecognised format: notes\.txt is not a chat file we recognise; expected one of: .*jsonl .*\(line 1 fits none of them: "Lorem ipsum dolor sit amet"\)\.$/,
    );
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows what the person typed inside a translated refusal as text, never as HTML', async () => {
    const { page, pageErrors } = await openPage(browser, server.url, { locale: 'fr-FR' });
    await page.goto('/');
    expect(await refusedJoin(page, HOSTILE)).toContain(`« ${HOSTILE} »`);
    expect(await page.getByTestId('join-error').locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHAT_TOPICS_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records uncaught page errors and any dialog (an `alert` from injected chat HTML would be one), so
 * tests can assert none happened. The browser speaks US English unless `locale` says otherwise: the dashboard
 * follows the browser's language (French by default), and most tests read its English words.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; pageErrors: string[]; dialogs: string[] }> {
  const { locale = 'en-US', viewport = { width: 1280, height: 900 } } = options;
  const context = await browser.newContext({ baseURL, viewport, locale });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.setDefaultTimeout(20_000);
  return { page, pageErrors, dialogs };
}

/** Polls `read` until `accept` holds (or throws with the last value after `timeoutMs`). */
export async function waitForValue<T>(
  read: () => Promise<T>,
  accept: (v: T) => boolean,
  timeoutMs = 20_000,
  what = 'value',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

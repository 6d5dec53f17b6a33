// The admin section in a real Chromium against the production server: sign in, start a tiny retrain of the whole
// chain on simulator chat, watch its loss curves drawn live, see it finish and its model version listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, waitForValue } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

const PASSWORD = 'browser-test-password';

describe('admin dashboard: sign in, retrain, loss curves, new version', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ args: ['--no-demo', '--no-topics', '--admin-password', PASSWORD] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password, then signs in and trains cpu-tiny on simulator chat to a new model version', async () => {
    const { page, pageErrors, dialogs } = await openPage(browser, server.url);
    await page.goto('/admin');
    await page.getByTestId('admin-password').fill('not the password');
    await page.getByTestId('admin-signin-submit').click();
    await expect.poll(() => page.getByTestId('admin-signin-error').textContent()).toMatch(/wrong password/);

    await page.getByTestId('admin-password').fill(PASSWORD);
    await page.getByTestId('admin-signin-submit').click();
    await page.getByTestId('admin-dashboard').waitFor();
    await expect
      .poll(() => page.getByTestId('admin-live').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('connected');

    // A default install: the shipped model is the one in use, and the table says so; the playground runs on it.
    const shipped = page.locator('[data-testid="model-row"][data-model-id^="chat-topics-fr-small@"]');
    await expect.poll(() => shipped.getAttribute('data-active')).toBe('true');
    expect(await shipped.getByTestId('model-active').count()).toBe(1);
    expect(await page.getByTestId('models-in-use').getAttribute('data-model-id')).toBe(
      await shipped.getAttribute('data-model-id'),
    );
    await page.getByTestId('fill-mask-submit').click();
    await expect.poll(() => page.getByTestId('fill-mask-results').locator('li').count(), { timeout: 20_000 }).toBe(10);
    expect(await page.getByTestId('fill-mask-error').count()).toBe(0);

    // The form lists the presets with their description; every stage is checked by default.
    await expect
      .poll(() => page.getByTestId('train-preset').locator('option').allTextContents())
      .toEqual(expect.arrayContaining(['cpu-tiny', 'cpu-small', 'lincoln-small']));
    await page.getByTestId('train-preset').selectOption('cpu-tiny');
    expect(await page.getByTestId('train-preset-info').textContent()).toMatch(/toy model/i);
    for (const stage of ['tokenizer', 'pretrain', 'mlm', 'simcse'])
      expect(await page.getByTestId(`train-stage-${stage}`).isChecked()).toBe(true);
    await page.getByTestId('train-archive').uncheck();
    await page.getByTestId('train-simulator').fill('400');
    await page.getByTestId('train-seed').fill('7');
    await page.getByTestId('train-submit').click();
    await expect
      .poll(() => page.getByTestId('train-message').textContent())
      .toMatch(/^Started job \S+ \((queued|running) when sent\)/);

    const row = page.getByTestId('job-row').first();
    const jobId = await row.getAttribute('data-job-id');
    expect(jobId).toBeTruthy();

    // Loss curves appear while the job runs, drawn from the live `training:loss` events (and the job's history).
    const curve = await waitForValue(
      () =>
        page.$$eval('[data-testid^="loss-path-"]', (paths) =>
          paths.map((p) => ({
            stage: p.getAttribute('data-testid')!.slice('loss-path-'.length),
            points: Number(p.getAttribute('data-points')),
            d: p.getAttribute('d') ?? '',
          })),
        ),
      (paths) => paths.some((p) => p.points >= 3),
      90_000,
      'a loss curve with points',
    );
    const drawn = curve.find((p) => p.points >= 3)!;
    // A d3 line through n points: a move then n - 1 line segments.
    expect(drawn.d.match(/L/g)?.length).toBe(drawn.points - 1);

    await waitForValue(
      () => row.getAttribute('data-state'),
      (s) => s === 'succeeded' || s === 'failed' || s === 'cancelled',
      150_000,
      'the job to finish',
    );
    const finalState = await row.getAttribute('data-state');
    if (finalState !== 'succeeded')
      throw new Error(
        `job ended ${finalState}: ${await page.getByTestId('job-logs').textContent()}\n${server.stderr()}`,
      );

    // Every stage drew its curve, and the logs are there (as text).
    const stages = await page.$$eval('[data-testid^="loss-path-"]', (paths) =>
      paths.map((p) => p.getAttribute('data-testid')),
    );
    expect(stages).toEqual(expect.arrayContaining(['loss-path-pretrain', 'loss-path-mlm', 'loss-path-simcse']));
    expect(((await page.getByTestId('job-logs').textContent()) ?? '').length).toBeGreaterThan(0);

    // The new version is in the table, not active until promoted.
    const modelRow = page.locator('[data-testid="model-row"][data-model-id*="cpu-tiny"]');
    await modelRow.first().waitFor({ timeout: 20_000 });
    expect(await modelRow.first().getAttribute('data-active')).toBe('false');

    // Promote it (the live embedder switches), then roll back to the configured embedder.
    await modelRow.first().getByTestId('model-promote').click();
    await expect.poll(() => modelRow.first().getAttribute('data-active'), { timeout: 30_000 }).toBe('true');
    expect(await page.getByTestId('models-message').textContent()).toMatch(/now serving .*cpu-tiny/);

    // The fill-mask playground runs on the active model and shows tokens with scores, as text (the markup stays text).
    await page.getByTestId('fill-mask-text').fill('<mask> tt le monde ! <b>pas du html</b>');
    await page.getByTestId('fill-mask-submit').click();
    // The chain keeps the MLM head through SimCSE, so the new version can fill masks.
    const items = await waitForValue(
      () => page.getByTestId('fill-mask-results').locator('li').allTextContents(),
      (l) => l.length > 0,
      20_000,
      'fill-mask results',
    );
    expect(items).toHaveLength(10);
    expect(items[0]).toMatch(/\d+\.\d%.*tt le monde/);
    expect(await page.locator('b').count()).toBe(0);

    await page.getByTestId('model-rollback').click();
    await expect.poll(() => modelRow.first().getAttribute('data-active'), { timeout: 30_000 }).toBe('false');
    // Back on the configured embedder: the shipped model is the active one again.
    await expect.poll(() => shipped.getAttribute('data-active')).toBe('true');

    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

describe('admin dashboard without a password', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ args: ['--no-demo', '--no-topics'] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('stays locked and says how to enable it', async () => {
    const { page, pageErrors } = await openPage(browser, server.url);
    await page.goto('/admin');
    const text = await page.getByTestId('admin-locked').textContent();
    expect(text).toMatch(/--admin-password/);
    expect(text).toMatch(/CHAT_TOPICS_ADMIN_PASSWORD/);
    expect(await page.getByTestId('admin-password').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { HAS_REDIS, startRedis, waitForRecordedCount, type TestRedis } from '../support/redisServer';
import { launchBrowser, openPage } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

/**
 * Two dashboard nodes on one Redis, each with the UI: a browser on node B joins a channel (node A takes it, the least
 * loaded by id), reads A's chat on B's channel page, and keeps reading it after A is killed with SIGKILL and B takes
 * the channel over; the page says what the takeover lost.
 */
describe.skipIf(!HAS_REDIS)('dashboard: two nodes on Redis', () => {
  let redis: TestRedis;
  let irc: FakeTwitchIrcServer;
  let a: StartedServer;
  let b: StartedServer;
  let browser: Browser;
  let sent = 0;
  const chat = (count: number, text: string) => {
    for (let i = 0; i < count; i++, sent++)
      irc.send(
        FakeTwitchIrcServer.privmsg({
          channel: 'zerator',
          login: `viewer${sent % 7}`,
          text: `${text} ${sent}`,
          tags: { id: `b-${sent}`, 'tmi-sent-ts': Date.now(), 'user-id': 7000 + (sent % 7) },
        }),
      );
  };

  beforeAll(async () => {
    redis = await startRedis();
    irc = await FakeTwitchIrcServer.start();
    const node = (id: string) =>
      startServer({
        args: ['--no-demo', '--twitch-irc-url', `ws://127.0.0.1:${irc.port}`, '--cluster-lease-seconds', '2'],
        env: { CHAT_TOPICS_REDIS_URL: redis.url, CHAT_TOPICS_NODE_ID: id },
      });
    a = await node('a');
    b = await node('b');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await b?.stop();
    await a?.stop();
    await irc?.close();
    await redis?.close();
  });

  it("follows node A's channel from node B, and goes on when B takes it over", async () => {
    const { page, pageErrors } = await openPage(browser, b.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('socket-status').getAttribute('data-state')).toBe('connected');
    await page.getByTestId('join-channel').fill('zerator');
    await page.getByTestId('join-form').locator('button[type="submit"]').click();
    // A joined Twitch (the first connection), not B.
    await irc.waitFor(() => irc.openClients().some((c) => c.channels.has('#zerator')), { timeoutMs: 10_000 });
    expect(irc.openClients()).toHaveLength(1);

    const item = page.locator('[data-testid="channel-item"][data-channel="zerator"]');
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    // The list says which node listens to it.
    expect(await item.getByTestId('channel-node').textContent()).toBe('node a');
    await item.getByTestId('channel-link').click();
    await page.waitForURL('**/channel/zerator');
    await page.getByTestId('feed').waitFor();
    chat(5, 'avant');
    await expect.poll(() => page.getByTestId('feed-line').count(), { timeout: 10_000 }).toBe(5);

    // A records its count when it renews its lease (three times per 2-s lease): killed after one renewal past the chat.
    await waitForRecordedCount(redis.url, 'zerator', 5);
    const aLink = irc.openClients()[0]!.id;
    await a.kill();
    // B's own connection joins once A's 2-s lease has run out.
    await irc.waitFor(() => irc.openClients().some((c) => c.id !== aLink && c.channels.has('#zerator')), {
      timeoutMs: 15_000,
    });
    await expect.poll(() => page.getByTestId('link-loss').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    chat(3, 'après');
    await expect.poll(() => page.getByTestId('feed-line').count(), { timeout: 10_000 }).toBe(8);
    const texts = await page.getByTestId('feed-text').allTextContents();
    expect(texts.slice(-3)).toEqual(['après 5', 'après 6', 'après 7']);
    // The count goes on from A's (B numbers its lines past A's, and says by how much).
    await expect.poll(() => page.getByTestId('message-count').getAttribute('data-count')).toBe('8');
    // The takeover is on the page as one drop of the link, with the time nobody listened.
    const note = page.getByTestId('link-loss').first();
    expect(await note.getAttribute('data-drops')).toBe('1');
    expect(await note.textContent()).toMatch(/link to Twitch lost 1× · \d+ sec offline/);
    await page.screenshot({ path: 'test-results/cluster-takeover.png' }).catch(() => undefined);
    // Back on the list, the channel is node b's now.
    await page.goto('/');
    const moved = page.locator('[data-testid="channel-item"][data-channel="zerator"]');
    await expect.poll(() => moved.getByTestId('channel-node').textContent(), { timeout: 10_000 }).toBe('node b');
    await page.screenshot({ path: 'test-results/cluster-list.png' }).catch(() => undefined);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

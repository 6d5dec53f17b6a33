// Another site's page, open in the operator's browser, tries to drive the dashboard: import a stream, join and leave
// channels, start a replay (HTTP with `no-cors`, and raw WebSockets to socket.io). None of it may take effect.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamSummary } from '../../contracts/chat';
import type { AckResult, ChannelInfo, PublicConfig } from '../../contracts/socket-events';
import { launchBrowser, openPage } from './support/browser';
import { startServer, type StartedServer } from './support/startServer';

/** The attacker's page: every trick it has, results left in `window.__results`. */
function attackPage(target: string): string {
  const ws = target.replace(/^http/, 'ws');
  return `<!doctype html><title>attack</title><script>
  window.__results = {};
  const note = (k, v) => { window.__results[k] = v; };
  const chat = '[0:00:01] a: salut\\n';
  fetch('${target}/api/import?name=x.txt&channel=evilimport', { method: 'POST', mode: 'no-cors', body: chat })
    .then(() => note('noCorsImport', 'sent')).catch((e) => note('noCorsImport', 'failed ' + e));
  fetch('${target}/api/import?name=y.txt&channel=evilimport', { method: 'POST', body: chat, headers: { 'x-csrf-token': 'guess' } })
    .then((r) => note('corsImport', 'status ' + r.status)).catch(() => note('corsImport', 'blocked'));
  fetch('${target}/api/config').then((r) => r.json()).then((c) => note('readConfig', 'read ' + c.operatorToken)).catch(() => note('readConfig', 'blocked'));
  const sock = new WebSocket('${ws}/socket.io/?EIO=4&transport=websocket');
  sock.onopen = () => {
    note('ws', 'open');
    sock.send('40{"csrf":"guess"}');
    setTimeout(() => {
      sock.send('420["channel:join",{"channel":"evilchan"}]');
      sock.send('421["channel:leave",{"channel":"demo"}]');
    }, 300);
  };
  sock.onerror = () => note('ws', 'error');
  sock.onclose = () => note('wsClosed', true);
  </script>`;
}

describe('dashboard: other sites cannot drive it', () => {
  let server: StartedServer;
  let attacker: http.Server;
  let attackerUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ args: ['--no-topics', '--demo-rate', '5'] });
    attacker = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackPage(server.url)),
    );
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    // Not started when the server failed to start: closing nothing must not hang the hook.
    if (attacker) await new Promise((r) => attacker.close(r));
    await server?.stop();
  });

  it('a page from another origin can neither import, join, leave nor read the operator token', async () => {
    const { page } = await openPage(browser, attackerUrl);
    await page.goto('/');
    const results = await page.waitForFunction(
      () => {
        const r = (window as unknown as { __results: Record<string, unknown> }).__results;
        return r.noCorsImport && r.corsImport && r.readConfig && r.ws && r.wsClosed ? r : null;
      },
      undefined,
      { timeout: 20_000 },
    );
    const seen = (await results.jsonValue()) as Record<string, unknown>;
    // The browser sends the no-cors POST (that is the hole); the server must refuse it. The rest never leaves the page.
    expect(seen).toMatchObject({
      noCorsImport: 'sent',
      corsImport: 'blocked',
      readConfig: 'blocked',
      ws: 'error',
      wsClosed: true,
    });
    await page.context().close();

    // What the operator's own dashboard sees afterwards: no stream imported, no channel joined, the demo still there.
    const { operatorToken } = (await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig;
    const operator = connect(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { csrf: operatorToken },
    });
    try {
      const channels = await new Promise<ChannelInfo[]>((r) => operator.once('channels:update', r));
      expect(channels.map((c) => c.key)).toContain('demo');
      expect(channels.map((c) => c.key)).not.toContain('evilchan');
      const streams = await new Promise<AckResult<StreamSummary[]>>((r) => operator.emit('streams:list', r));
      expect(streams.ok && streams.value.map((s) => s.channel)).not.toContain('evilimport');
    } finally {
      operator.disconnect();
    }
    // The operator's log says what was refused (JSON lines: quotes escaped).
    expect(server.stderr()).toMatch(
      /"path":"\/api\/import".*request refused: origin \\"http:\/\/127\.0\.0\.1:\d+\\" is not this dashboard/,
    );
    expect(server.stderr()).toMatch(
      /socket\.io connection refused: origin \\"http:\/\/127\.0\.0\.1:\d+\\" is not this dashboard/,
    );
  });
});

// Off loopback the network watches and does not drive: only this machine and signed-in admins get the operator
// token. The server listens on every interface and is reached through this machine's own network address, so the
// server sees a non-loopback client, as a phone on the LAN would be.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckResult, ChannelInfo, PublicConfig } from '../../contracts/socket-events';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';

const PASSWORD = 'operator-access-test-password';
/** This machine's first non-loopback IPv4 address (every CI and dev machine has one: its network card). */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let dir: string;
let server: RunningServer;
let lanUrl: string;

beforeAll(async () => {
  if (!lanAddress) throw new Error('this machine has no network address other than loopback: the test needs one');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-operators-'));
  const config = loadConfig(
    {
      host: '0.0.0.0',
      port: 0,
      dbPath: path.join(dir, 'archive.sqlite'),
      demo: false,
      topics: false,
      adminPassword: PASSWORD,
    },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(204).end(),
  });
  lanUrl = `http://${lanAddress}:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const config = async (base: string, cookie?: string) =>
  (await (await fetch(`${base}/api/config`, { headers: cookie ? { cookie } : {} })).json()) as PublicConfig;

describe('who operates the dashboard', () => {
  it('hands the operator token to this machine, and to the network only after an admin sign-in', async () => {
    const local = await config(`http://127.0.0.1:${server.port}`);
    expect(local.operatorToken).toEqual(expect.any(String));
    expect((await config(lanUrl)).operatorToken).toBeNull();

    const login = await fetch(`${lanUrl}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: lanUrl },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await config(lanUrl, cookie)).operatorToken).toBe(local.operatorToken);
    expect((await config(lanUrl, 'ct_admin=forged')).operatorToken).toBeNull();
  });

  it('refuses a network viewer joining a channel or importing, and lets it read', async () => {
    const viewer = connect(lanUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { csrf: (await config(lanUrl)).operatorToken },
    });
    try {
      const join = await new Promise<AckResult<ChannelInfo>>((resolve) =>
        viewer.emit('channel:join', { channel: 'somechannel' }, resolve),
      );
      expect(join.ok).toBe(false);
      const list = await new Promise<AckResult<unknown[]>>((resolve) => viewer.emit('streams:list', resolve));
      expect(list.ok).toBe(true);
    } finally {
      viewer.close();
    }
    const imported = await fetch(`${lanUrl}/api/import?name=chat.txt`, {
      method: 'POST',
      body: '[0:00:01] a: salut\n',
    });
    expect(imported.status).toBe(403);
  });
});

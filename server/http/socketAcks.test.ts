import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckMessage, AckResult, ChannelInfo } from '../../contracts/socket-events';
import { FakePlatform } from '../../test/support/FakePlatform';
import { openLivePipeline, type LivePipeline } from '../../test/support/livePipeline';
import type { ReplaySources } from '../sources/ReplaySources';
import { OriginPolicy } from './OriginPolicy';
import { attachSocketServer } from './socketServer';

const TOKEN = 'operator-token';
let pipeline: LivePipeline;
let server: http.Server;
let sockets: ReturnType<typeof attachSocketServer>;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  pipeline = openLivePipeline([new FakePlatform('twitch')], { maxChannels: 1 });
  server = http.createServer();
  sockets = attachSocketServer(server, {
    hub: pipeline.hub,
    archive: pipeline.archive,
    live: pipeline.live,
    replays: { has: () => false } as unknown as ReplaySources,
    logger: pino({ level: 'silent' }),
    topics: null,
    origins: new OriginPolicy({ operatorToken: TOKEN }),
    eventLimits: { ratePerSecond: 100, burst: 100, floodLimit: 1000 },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sockets.close();
  await new Promise((r) => server.close(r));
  await pipeline.close();
});

function client(csrf?: string): Socket {
  const c = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { csrf } });
  clients.push(c);
  return c;
}

/** Joins `channel`; resolves with the ack's two arguments (the result, then a refusal's code and params). */
const join = (c: Socket, channel: string) =>
  new Promise<[AckResult<ChannelInfo>, AckMessage?]>((resolve) =>
    c.emit('channel:join', { channel }, (res: AckResult<ChannelInfo>, message?: AckMessage) =>
      resolve(message === undefined ? [res] : [res, message]),
    ),
  );

describe('socket.io refusals', () => {
  it('answer the English error as before, then a stable code and params as a second argument', async () => {
    const operator = client(TOKEN);
    expect(await join(operator, 'not a room!')).toEqual([
      { ok: false, error: 'twitch channel "not a room!": not a fake room (1-20 letters or digits)' },
      { code: 'channel.bad-name', params: { input: 'not a room!' } },
    ]);
    expect((await join(operator, 'nowhere:room'))[1]).toEqual({
      code: 'channel.unknown-platform',
      params: { platform: 'nowhere', known: 'twitch' },
    });
    const [joined, none] = await join(operator, 'first');
    expect([joined.ok, none]).toEqual([true, undefined]);
    const [refused, quota] = await join(operator, 'second');
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/^cannot join "second": 1 live channels are open/),
    });
    expect(quota).toEqual({
      code: 'quota.channels',
      params: { channel: 'second', open: 1, setting: 'maxLiveChannels', env: 'CHAT_TOPICS_MAX_LIVE_CHANNELS' },
    });
  });

  it('says an operator-only action is refused to a viewer, with its code', async () => {
    const [refused, message] = await join(client(), 'first');
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/needs the operator token/) });
    expect(message).toEqual({ code: 'operator.required' });
  });
});

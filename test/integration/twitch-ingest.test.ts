import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deletion } from '../../contracts/chat';
import type { ChannelState } from '../../contracts/socket-events';
import { RequestError } from '../../server/errors';
import { InvalidChannelError, TwitchConnectionError, TwitchJoinError } from '../../server/ingest/errors';
import type { LiveChatMessage } from '../../server/ingest/LiveChatMessage';
import { TwitchIngest, type TwitchIngestOptions } from '../../server/ingest/TwitchIngest';
import { FakeTwitchIrcServer, type FakeTwitchIrcServerOptions } from '../irc/FakeTwitchIrcServer';

const NOW = 1_700_000_500_000;
const privmsg = FakeTwitchIrcServer.privmsg;

interface Harness {
  irc: FakeTwitchIrcServer;
  ingest: TwitchIngest;
  messages: LiveChatMessage[];
  deletions: Deletion[];
  states: { channel: string; state: ChannelState; error?: string }[];
  statesOf(channel: string): ChannelState[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  options: {
    ingest?: Partial<TwitchIngestOptions>;
    server?: FakeTwitchIrcServerOptions;
    onMessage?: (m: LiveChatMessage) => void;
  } = {},
): Promise<Harness> {
  const irc = await FakeTwitchIrcServer.start(options.server);
  cleanups.push(() => irc.close());
  const messages: LiveChatMessage[] = [];
  const deletions: Deletion[] = [];
  const states: Harness['states'] = [];
  const ingest = new TwitchIngest(
    {
      botNames: ['nightbot'],
      server: irc.connectionOptions,
      now: () => NOW,
      logger: pino({ level: 'silent' }),
      reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
      joinIntervalMs: 0,
      ...options.ingest,
    },
    {
      onMessage: (m) => {
        messages.push(m);
        options.onMessage?.(m);
      },
      onDeletion: (d) => deletions.push(d),
      onState: (channel, state, error) =>
        states.push(error === undefined ? { channel, state } : { channel, state, error }),
    },
  );
  cleanups.push(() => ingest.close());
  return {
    irc,
    ingest,
    messages,
    deletions,
    states,
    statesOf: (c) => states.filter((s) => s.channel === c).map((s) => s.state),
  };
}

/** Connects and joins `channel`; returns the server-side client. */
async function joined(h: Harness, ...channels: string[]) {
  await h.ingest.connect();
  for (const channel of channels) await h.ingest.join(channel);
  return h.irc.openClients()[0]!;
}

describe('TwitchIngest against a fake Twitch IRC server', () => {
  it('connects anonymously (justinfan) over WebSocket subprotocol irc and joins', async () => {
    const h = await setup();
    const client = await joined(h, 'SomeChannel');
    expect(client.protocol).toBe('irc');
    expect(client.nick).toMatch(/^justinfan\d+$/);
    expect(client.pass).toBe('SCHMOOPIIE');
    expect(client.caps).toEqual(expect.arrayContaining(['twitch.tv/tags', 'twitch.tv/commands']));
    expect([...client.channels]).toEqual(['#somechannel']);
    expect(h.statesOf('somechannel')).toEqual(['connecting', 'connected']);
    expect(h.ingest.isConnected).toBe(true);
    expect(h.ingest.state('#SomeChannel')).toBe('connected');
    // Joining again is a no-op.
    await h.ingest.join('somechannel');
    expect(h.irc.receivedCommands('JOIN')).toHaveLength(1);
  });

  it('logs in with the configured login (PASS oauth:..., NICK) and joins through USERSTATE', async () => {
    const h = await setup({ ingest: { username: 'My_Bot', token: 'oauth:abc123def' } });
    const client = await joined(h, 'chan');
    expect(client.pass).toBe('oauth:abc123def');
    expect(client.nick).toBe('my_bot');
    expect(h.irc.receivedCommands('PASS').map((r) => r.line)).toEqual(['PASS oauth:abc123def']);
    expect(h.statesOf('chan')).toEqual(['connecting', 'connected']);
  });

  it('adds oauth: to a bare token, and refuses half a login', async () => {
    const h = await setup({ ingest: { username: 'mybot', token: 'abc123' } });
    await h.ingest.connect();
    expect(h.irc.clients[0]?.pass).toBe('oauth:abc123');
    expect(
      () => new TwitchIngest({ botNames: [], username: 'mybot', logger: pino({ level: 'silent' }) }, noHandlers),
    ).toThrow(/together/);
    expect(
      () =>
        new TwitchIngest(
          { botNames: [], username: 'not a login', token: 'x', logger: pino({ level: 'silent' }) },
          noHandlers,
        ),
    ).toThrow(/not a Twitch login/);
  });

  it('reports a refused login as disconnected, without retrying', async () => {
    const h = await setup({
      ingest: { username: 'mybot', token: 'oauth:wrong' },
      server: { acceptLogin: (_nick, pass) => pass === 'oauth:right' },
    });
    await h.ingest.join('chan');
    await expect(h.ingest.connect()).rejects.toBeInstanceOf(TwitchConnectionError);
    await h.irc.waitFor(() => h.statesOf('chan').includes('disconnected'), { description: 'disconnected state' });
    expect(h.states.at(-1)).toEqual({ channel: 'chan', state: 'disconnected', error: 'Login authentication failed' });
    await sleep(200);
    expect(h.irc.clients).toHaveLength(1);
  });

  it('queues a join made before connect()', async () => {
    const h = await setup();
    await h.ingest.join('#Early');
    expect(h.irc.clients).toHaveLength(0);
    expect(h.statesOf('early')).toEqual(['connecting']);
    await h.ingest.connect();
    await h.irc.waitFor(() => h.statesOf('early').includes('connected'), { description: 'queued join' });
    expect(h.irc.receivedCommands('JOIN').map((r) => r.line)).toEqual(['JOIN #early']);
  });

  it('rejects invalid logins with a typed error, before sending anything', async () => {
    const h = await setup();
    await h.ingest.connect();
    for (const bad of ['', 'has space', 'a'.repeat(26), 'émile', '#']) {
      const error = await h.ingest.join(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidChannelError);
      expect(error).toBeInstanceOf(RequestError);
    }
    expect(h.irc.receivedCommands('JOIN')).toHaveLength(0);
    expect(h.states).toEqual([]);
  });

  it('rejects joins Twitch refuses (suspended) or never confirms (unknown channel)', async () => {
    const h = await setup({
      server: { joinBehaviour: (c) => (c === 'banned' ? 'suspended' : c === 'nobody' ? 'no-roomstate' : 'ok') },
    });
    await h.ingest.connect();
    const suspended = await h.ingest.join('banned').catch((e: unknown) => e);
    expect(suspended).toBeInstanceOf(TwitchJoinError);
    expect((suspended as TwitchJoinError).reason).toBe('msg_channel_suspended');
    expect(h.states.filter((s) => s.channel === 'banned').at(-1)).toEqual({
      channel: 'banned',
      state: 'disconnected',
      error: 'msg_channel_suspended',
    });
    expect(h.ingest.state('banned')).toBeNull();

    const unknown = await h.ingest.join('nobody').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(TwitchJoinError);
    expect((unknown as TwitchJoinError).reason).toBe('No response from Twitch.');
    // Still usable afterwards.
    await h.ingest.join('fine');
    expect(h.ingest.state('fine')).toBe('connected');
  });

  it('delivers a tagged PRIVMSG as a LiveChatMessage', async () => {
    const h = await setup();
    await joined(h, 'chan');
    const text = '🎉 Kappa salut @Bob';
    const sent = h.irc.send(
      privmsg({
        channel: 'chan',
        login: 'Viewer_1',
        text,
        tags: {
          'badge-info': 'subscriber/14',
          badges: 'subscriber/12,moderator/1',
          'display-name': 'Viewer_1',
          emotes: '25:2-6',
          id: 'msg-1',
          'reply-parent-msg-id': 'parent-1',
          'reply-parent-msg-body': 'une question; deux',
          'tmi-sent-ts': '1700000000123',
          'user-id': '987',
        },
      }),
    );
    expect(sent).toBe(1);
    await h.irc.waitFor(() => h.messages.length === 1, { description: 'the message' });
    expect(h.messages[0]).toEqual({
      id: 'msg-1',
      channel: 'chan',
      ts: 1700000000123,
      user: { id: '987', login: 'viewer_1', displayName: 'Viewer_1' },
      text,
      emotes: [{ id: '25', name: 'Kappa', start: 2, end: 7 }],
      badges: { subscriber: '12', moderator: '1' },
      flags: { action: false, cheer: false, command: false, bot: false },
      bits: 0,
      replyParentId: 'parent-1',
      deleted: false,
    });
  });

  it('delivers actions and cheers once each, and flags bots and commands', async () => {
    const h = await setup();
    await joined(h, 'chan');
    h.irc.send(privmsg({ channel: 'chan', login: 'a', text: 'danse', action: true, tags: { id: 'm1' } }));
    h.irc.send(privmsg({ channel: 'chan', login: 'b', text: 'Cheer250 GG', tags: { id: 'm2', bits: 250 } }));
    h.irc.send(privmsg({ channel: 'chan', login: 'Nightbot', text: 'Uptime 2h', tags: { id: 'm3' } }));
    h.irc.send(privmsg({ channel: 'chan', login: 'c', text: '!uptime', tags: { id: 'm4' } }));
    await h.irc.waitFor(() => h.messages.length >= 4, { description: 'four messages' });
    await sleep(50);
    expect(h.messages.map((m) => [m.id, m.text, m.flags, m.bits])).toEqual([
      ['m1', 'danse', { action: true, cheer: false, command: false, bot: false }, 0],
      ['m2', 'Cheer250 GG', { action: false, cheer: true, command: false, bot: false }, 250],
      ['m3', 'Uptime 2h', { action: false, cheer: false, command: false, bot: true }, 0],
      ['m4', '!uptime', { action: false, cheer: false, command: true, bot: false }, 0],
    ]);
    expect(h.messages[0]?.ts).toBe(NOW); // no tmi-sent-ts: the injected clock
  });

  it('ignores chat of channels it did not join', async () => {
    const h = await setup();
    const client = await joined(h, 'chan');
    h.irc.sendTo(client, privmsg({ channel: 'elsewhere', login: 'x', text: 'nope', tags: { id: 'x1' } }));
    h.irc.send(privmsg({ channel: 'chan', login: 'x', text: 'yes', tags: { id: 'x2' } }));
    await h.irc.waitFor(() => h.messages.length >= 1);
    await sleep(50);
    expect(h.messages.map((m) => m.id)).toEqual(['x2']);
  });

  it('turns CLEARMSG and CLEARCHAT (timeout, ban, clear) into deletions', async () => {
    const h = await setup();
    await joined(h, 'chan');
    h.irc.send(
      '@login=troll;room-id=4242;target-msg-id=msg-9;tmi-sent-ts=1700000000200 :tmi.twitch.tv CLEARMSG #chan :bad words',
    );
    h.irc.send(
      '@ban-duration=600;room-id=4242;target-user-id=55;tmi-sent-ts=1700000000300 :tmi.twitch.tv CLEARCHAT #chan :Spammer',
    );
    h.irc.send('@room-id=4242;target-user-id=56;tmi-sent-ts=1700000000400 :tmi.twitch.tv CLEARCHAT #chan :villain');
    h.irc.send('@room-id=4242;tmi-sent-ts=1700000000500 :tmi.twitch.tv CLEARCHAT #chan');
    await h.irc.waitFor(() => h.deletions.length >= 4, { description: 'four deletions' });
    expect(h.deletions).toEqual([
      { kind: 'message', channel: 'chan', messageId: 'msg-9', ts: 1700000000200 },
      { kind: 'user', channel: 'chan', login: 'spammer', ts: 1700000000300, durationSeconds: 600 },
      { kind: 'user', channel: 'chan', login: 'villain', ts: 1700000000400, durationSeconds: null },
      { kind: 'channel', channel: 'chan', ts: NOW }, // tmi.js passes no tags with `clearchat`
    ]);
  });

  it('reconnects and re-joins on RECONNECT, once per channel, and keeps delivering', async () => {
    const h = await setup();
    await joined(h, 'chan', 'other');
    expect(h.irc.sendReconnect()).toBe(1);
    await h.irc.waitFor(() => h.irc.clients.length === 2 && h.irc.clients[1]!.channels.size === 2, {
      description: 're-join on a new connection',
    });
    await h.irc.waitFor(() => h.ingest.state('chan') === 'connected' && h.ingest.state('other') === 'connected');
    expect(h.irc.clients[0]!.open).toBe(false);
    expect(h.statesOf('chan')).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(h.statesOf('other')).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    // No double JOIN from tmi.js's own re-join list.
    const joinsOnSecond = h.irc
      .receivedCommands('JOIN')
      .filter((r) => r.clientId === 2)
      .map((r) => r.line);
    expect(joinsOnSecond.sort()).toEqual(['JOIN #chan', 'JOIN #other']);
    h.irc.send(privmsg({ channel: 'chan', login: 'v', text: 'after reconnect', tags: { id: 'r1' } }));
    h.irc.send(privmsg({ channel: 'other', login: 'v', text: 'me too', tags: { id: 'r2' } }));
    await h.irc.waitFor(() => h.messages.length === 2, { description: 'messages after the reconnect' });
    expect(h.messages.map((m) => m.text).sort()).toEqual(['after reconnect', 'me too']);
  });

  it('reconnects after the connection drops, with backoff, until the server is back', async () => {
    const h = await setup();
    await joined(h, 'chan');
    h.irc.dropConnections();
    await h.irc.waitFor(() => h.ingest.state('chan') === 'reconnecting', { description: 'reconnecting state' });
    await h.irc.waitFor(() => h.ingest.state('chan') === 'connected', { description: 'connected again' });
    expect(h.irc.openClients()).toHaveLength(1);
    expect([...h.irc.openClients()[0]!.channels]).toEqual(['#chan']);
    h.irc.send(privmsg({ channel: 'chan', login: 'v', text: 'back', tags: { id: 'd1' } }));
    await h.irc.waitFor(() => h.messages.some((m) => m.id === 'd1'), { description: 'message after the drop' });
  });

  it('keeps retrying while the server is down, then connects and joins by itself', async () => {
    const first = await FakeTwitchIrcServer.start();
    const port = first.port;
    await first.close();
    const states: ChannelState[] = [];
    const ingest = new TwitchIngest(
      {
        botNames: [],
        server: { host: '127.0.0.1', port, secure: false },
        logger: pino({ level: 'silent' }),
        reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      },
      { ...noHandlers, onState: (_c, s) => states.push(s) },
    );
    cleanups.push(() => ingest.close());
    await ingest.join('chan');
    await expect(ingest.connect()).rejects.toBeInstanceOf(TwitchConnectionError);
    expect(ingest.state('chan')).toBe('reconnecting');
    await sleep(150); // several failed attempts
    const irc = await FakeTwitchIrcServer.start({ port });
    cleanups.push(() => irc.close());
    await irc.waitFor(() => ingest.state('chan') === 'connected', { description: 'connected once the server is back' });
    expect(irc.clients).toHaveLength(1);
    expect([...irc.clients[0]!.channels]).toEqual(['#chan']);
    expect(states).toEqual(['connecting', 'reconnecting', 'connected']);
  });

  it('joins a channel asked for while reconnecting once the connection is back', async () => {
    const h = await setup({ ingest: { reconnect: { initialDelayMs: 100, maxDelayMs: 200 } } });
    await joined(h, 'chan');
    h.irc.dropConnections();
    await h.irc.waitFor(() => h.ingest.state('chan') === 'reconnecting');
    await h.ingest.join('late'); // resolves at once: queued
    expect(h.ingest.state('late')).toBe('connecting');
    await h.irc.waitFor(() => h.ingest.state('late') === 'connected' && h.ingest.state('chan') === 'connected', {
      description: 'both joined',
    });
    expect([...h.irc.openClients()[0]!.channels].sort()).toEqual(['#chan', '#late']);
    expect(h.statesOf('late')).toEqual(['connecting', 'connected']);
  });

  it('retries a JOIN that was unanswered when the connection dropped', async () => {
    let joins = 0;
    const h = await setup({ server: { joinBehaviour: () => (++joins === 1 ? 'ignore' : 'ok') } });
    await h.ingest.connect();
    const pending = h.ingest.join('slow');
    await h.irc.waitFor(() => h.irc.receivedCommands('JOIN').length === 1, { description: 'first JOIN' });
    h.irc.dropConnections();
    await pending; // the stale attempt settles quietly
    await h.irc.waitFor(() => h.ingest.state('slow') === 'connected', { description: 'joined on the new connection' });
    expect(h.statesOf('slow')).toEqual(['connecting', 'reconnecting', 'connected']);
    expect(h.irc.receivedCommands('JOIN').map((r) => r.clientId)).toEqual([1, 2]);
  });

  it('answers server PINGs, and its own PING gets a PONG', async () => {
    const h = await setup();
    await joined(h, 'chan');
    expect(h.irc.ping()).toBe(1);
    const pong = await h.irc.waitFor(() => h.irc.receivedCommands('PONG')[0], { description: 'PONG from tmi.js' });
    expect(pong.line).toBe('PONG');
    const latencyMs = await h.ingest.ping();
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeLessThan(1000);
    expect(h.irc.receivedCommands('PING')).toHaveLength(1);
  });

  it('rejects ping() when the server does not answer', async () => {
    const h = await setup({ server: { answerPings: false } });
    await joined(h);
    await expect(h.ingest.ping()).rejects.toBeInstanceOf(TwitchConnectionError);
  });

  it('parts a channel: PART sent, state disconnected, its chat stops', async () => {
    const h = await setup();
    const client = await joined(h, 'chan', 'stay');
    await h.ingest.part('#Chan');
    expect(h.irc.receivedCommands('PART').map((r) => r.line)).toEqual(['PART #chan']);
    expect([...client.channels]).toEqual(['#stay']);
    expect(h.statesOf('chan').at(-1)).toBe('disconnected');
    expect(h.ingest.state('chan')).toBeNull();
    h.irc.sendTo(client, privmsg({ channel: 'chan', login: 'x', text: 'late', tags: { id: 'p1' } }));
    h.irc.send(privmsg({ channel: 'stay', login: 'x', text: 'here', tags: { id: 'p2' } }));
    await h.irc.waitFor(() => h.messages.length >= 1);
    await sleep(50);
    expect(h.messages.map((m) => m.id)).toEqual(['p2']);
    await h.ingest.part('never_joined'); // no-op
    await h.ingest.part('not a login'); // no-op too
    expect(h.irc.receivedCommands('PART')).toHaveLength(1);
  });

  it('survives a throwing handler', async () => {
    let calls = 0;
    const h = await setup({
      onMessage: () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    await joined(h, 'chan');
    h.irc.send(privmsg({ channel: 'chan', login: 'x', text: 'one', tags: { id: 'e1' } }));
    h.irc.send(privmsg({ channel: 'chan', login: 'x', text: 'two', tags: { id: 'e2' } }));
    await h.irc.waitFor(() => h.messages.length === 2, { description: 'both messages' });
    expect(h.ingest.isConnected).toBe(true);
  });

  it('close() disconnects every channel and stops reconnecting, even mid-backoff', async () => {
    const h = await setup({ ingest: { reconnect: { initialDelayMs: 100, maxDelayMs: 200 } } });
    await joined(h, 'chan');
    h.irc.dropConnections();
    await h.irc.waitFor(() => h.ingest.state('chan') === 'reconnecting');
    await h.ingest.close();
    expect(h.states.at(-1)).toEqual({ channel: 'chan', state: 'disconnected' });
    await sleep(400);
    expect(h.irc.clients).toHaveLength(1);
    await expect(h.ingest.join('chan')).rejects.toBeInstanceOf(TwitchConnectionError);

    const h2 = await setup();
    await joined(h2, 'chan');
    await h2.ingest.close();
    await h2.irc.waitFor(() => h2.irc.openClients().length === 0, { description: 'socket closed' });
    expect(h2.statesOf('chan')).toEqual(['connecting', 'connected', 'disconnected']);
  });
});

const noHandlers = { onMessage: () => {}, onDeletion: () => {}, onState: () => {} };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

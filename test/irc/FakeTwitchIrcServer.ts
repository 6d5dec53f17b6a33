import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake Twitch chat server for tests: a real WebSocket server on `127.0.0.1` (any free port) speaking IRC with the
 * `irc` subprotocol, the way tmi.js talks to `irc-ws.chat.twitch.tv`. It does what tmi.js 1.8.5 needs:
 *
 * - `CAP REQ` is acknowledged; `PASS` / `NICK` log in (anyone, unless `acceptLogin` says no, which answers
 *   `NOTICE * :Login authentication failed` like Twitch and closes), then `001`..`004`, `375`, `372`, `376`
 *   (and `GLOBALUSERSTATE` for non-anonymous logins).
 * - `JOIN #a[,#b]` is echoed, followed by `USERSTATE` (logged-in clients only, as Twitch does), `353`/`366` and
 *   `ROOMSTATE`: without the echo and `ROOMSTATE` tmi.js's `join()` rejects after 600 ms. `joinBehaviour` can make a
 *   channel behave like an unknown one (echo, no `ROOMSTATE`), a suspended one (`NOTICE msg_channel_suspended`) or
 *   silent.
 * - `PART` is echoed; `PING` is answered with `PONG :tmi.twitch.tv`.
 *
 * Everything clients send is recorded in {@link received}. Tests inject traffic with {@link send} (raw lines, built
 * with {@link FakeTwitchIrcServer.privmsg} / {@link FakeTwitchIrcServer.formatTags} or by hand), ask clients to
 * reconnect ({@link sendReconnect}), drop connections ({@link dropConnections}), PING clients ({@link ping}) and
 * wait for conditions ({@link waitFor}).
 *
 * @example
 * const irc = await FakeTwitchIrcServer.start();
 * const client = new tmi.Client({ connection: { server: irc.host, port: irc.port, secure: false } });
 * await client.connect();
 * await client.join('somechannel');
 * irc.send(FakeTwitchIrcServer.privmsg({ channel: 'somechannel', login: 'viewer', text: 'hello', tags: { id: 'm1' } }));
 * await irc.close();
 */
export class FakeTwitchIrcServer {
  /** Always the loopback address: tests never leave the machine. */
  readonly host = '127.0.0.1';
  /** Every line received from every client, in arrival order. */
  readonly received: ReceivedLine[] = [];
  /** Every client that ever connected, in connection order (closed ones included, with `open: false`). */
  readonly clients: FakeIrcClient[] = [];

  private readonly sockets = new Map<FakeIrcClient, WebSocket>();
  private closed = false;

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly options: FakeTwitchIrcServerOptions,
  ) {
    wss.on('connection', (socket, request) =>
      this.onConnection(socket, request.headers['sec-websocket-protocol'] ?? null),
    );
  }

  /** Starts a server on `127.0.0.1`, on a free port (or on `options.port`, e.g. to bring a closed server back). */
  static async start(options: FakeTwitchIrcServerOptions = {}): Promise<FakeTwitchIrcServer> {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: options.port ?? 0,
      handleProtocols: (protocols) => (protocols.has('irc') ? 'irc' : false),
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    return new FakeTwitchIrcServer(wss, options);
  }

  /** The port the server listens on. */
  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  /** Ready for `TwitchIngest`'s `server` option. For tmi.js: `{ server: host, port, secure: false }`. */
  get connectionOptions(): { host: string; port: number; secure: false } {
    return { host: this.host, port: this.port, secure: false };
  }

  /** Clients whose WebSocket is open. */
  openClients(): FakeIrcClient[] {
    return this.clients.filter((c) => c.open);
  }

  /** Received lines whose command (first word, case-insensitive) is `command`, e.g. `received('JOIN')`. */
  receivedCommands(command: string): ReceivedLine[] {
    const wanted = command.toUpperCase();
    return this.received.filter((r) => r.command === wanted);
  }

  /**
   * Sends one raw IRC line (no `\r\n`) to the open clients concerned: those that joined the line's channel when its
   * first parameter is a `#channel` (`PRIVMSG`, `CLEARCHAT`, `CLEARMSG`, `ROOMSTATE`...), else every logged-in client.
   * @returns how many clients it was sent to
   */
  send(rawLine: string): number {
    const channel = channelOf(rawLine);
    let count = 0;
    for (const client of this.openClients()) {
      if (!client.registered) continue;
      if (channel !== null && !client.channels.has(channel)) continue;
      this.write(client, [rawLine]);
      count++;
    }
    return count;
  }

  /**
   * Sends many raw lines of one channel in one WebSocket frame to the clients that joined it, as Twitch batches
   * under load: a load generator's way to reach thousands of messages per second without a frame per message.
   * @returns how many clients they were sent to
   */
  sendBatch(channel: string, rawLines: readonly string[]): number {
    const wanted = toChannel(channel);
    let count = 0;
    for (const client of this.openClients()) {
      if (!client.registered || !client.channels.has(wanted)) continue;
      this.write(client, rawLines);
      count++;
    }
    return count;
  }

  /** Sends raw lines to one client, whatever it joined. */
  sendTo(client: FakeIrcClient, ...rawLines: string[]): void {
    if (client.open) this.write(client, rawLines);
  }

  /** Sends `:tmi.twitch.tv RECONNECT` to every open client (Twitch's "please reconnect, I am going away"). */
  sendReconnect(): number {
    return this.send(':tmi.twitch.tv RECONNECT');
  }

  /**
   * Sends `PING :<token>` to every logged-in client. tmi.js answers with a bare `PONG`, recorded in
   * {@link received} (`receivedCommands('PONG')`).
   * @returns how many clients were pinged
   */
  ping(token = 'tmi.twitch.tv'): number {
    return this.send(`PING :${token}`);
  }

  /** Kills every open connection abruptly (no close handshake), like a network failure. */
  dropConnections(): number {
    let count = 0;
    for (const [client, socket] of this.sockets) {
      if (!client.open) continue;
      socket.terminate();
      count++;
    }
    return count;
  }

  /**
   * Resolves with the predicate's first truthy result, checking it every few milliseconds; rejects after
   * `timeoutMs` (default 5000) with `description` in the message.
   * @example await irc.waitFor(() => irc.clients.find((c) => c.channels.has('#chan')), { description: 'a join' });
   */
  waitFor<T>(
    predicate: () => T | false | null | undefined | 0 | '',
    options: { timeoutMs?: number; description?: string } = {},
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const started = Date.now();
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        let value: T | false | null | undefined | 0 | '';
        try {
          value = predicate();
        } catch (err) {
          reject(err as Error);
          return;
        }
        if (value) {
          resolve(value);
          return;
        }
        if (Date.now() - started >= timeoutMs) {
          reject(
            new Error(
              `waitFor timed out after ${timeoutMs} ms${options.description ? `: ${options.description}` : ''}`,
            ),
          );
          return;
        }
        setTimeout(check, 5);
      };
      check();
    });
  }

  /** Closes every connection and the server. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.sockets.values()) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /**
   * IRCv3 tag prefix (`@a=1;b=x\sy`) with values escaped as Twitch does (`\s`, `\:`, `\\`, `\r`, `\n`).
   * Empty object -> empty string.
   */
  static formatTags(tags: Record<string, string | number | boolean>): string {
    const parts = Object.entries(tags).map(([key, value]) => `${key}=${escapeTagValue(String(value))}`);
    return parts.length ? `@${parts.join(';')}` : '';
  }

  /**
   * A chat line as Twitch sends it: `@tags :login!login@login.tmi.twitch.tv PRIVMSG #channel :text`.
   * `action: true` wraps the text in `\u0001ACTION ...\u0001` (a `/me` message).
   */
  static privmsg(message: {
    channel: string;
    login: string;
    text: string;
    tags?: Record<string, string | number | boolean>;
    action?: boolean;
  }): string {
    const tags = FakeTwitchIrcServer.formatTags(message.tags ?? {});
    const text = message.action ? `\u0001ACTION ${message.text}\u0001` : message.text;
    const login = message.login.toLowerCase();
    return `${tags ? `${tags} ` : ''}:${login}!${login}@${login}.tmi.twitch.tv PRIVMSG ${toChannel(message.channel)} :${text}`;
  }

  private onConnection(socket: WebSocket, protocolHeader: string | string[] | null): void {
    const client: FakeIrcClient = {
      id: this.clients.length + 1,
      protocol: socket.protocol || null,
      requestedProtocols: String(protocolHeader ?? ''),
      nick: null,
      pass: null,
      caps: [],
      channels: new Set(),
      registered: false,
      open: true,
    };
    this.clients.push(client);
    this.sockets.set(client, socket);
    socket.on('message', (data) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
      for (const line of text.split(/\r?\n/)) {
        if (line.trim() !== '') this.onLine(client, line);
      }
    });
    socket.on('close', () => {
      client.open = false;
      client.channels.clear();
    });
    socket.on('error', () => {
      client.open = false;
    });
  }

  private onLine(client: FakeIrcClient, line: string): void {
    const { command, params } = parseLine(line);
    this.received.push({ clientId: client.id, nick: client.nick, line, command, at: Date.now() });
    switch (command) {
      case 'CAP':
        if (params[0]?.toUpperCase() === 'REQ') {
          const caps = (params[1] ?? '').split(' ').filter(Boolean);
          client.caps.push(...caps);
          this.write(client, [`:tmi.twitch.tv CAP * ACK :${caps.join(' ')}`]);
        }
        break;
      case 'PASS':
        client.pass = params[0] ?? null;
        break;
      case 'NICK':
        this.onNick(client, (params[0] ?? '').toLowerCase());
        break;
      case 'JOIN':
        if (client.registered)
          for (const channel of (params[0] ?? '').split(',')) this.onJoin(client, channel.toLowerCase());
        break;
      case 'PART':
        if (client.registered) {
          for (const channel of (params[0] ?? '').split(',')) {
            const name = channel.toLowerCase();
            if (!client.channels.delete(name)) continue;
            this.write(client, [`${userPrefix(client)} PART ${name}`]);
          }
        }
        break;
      case 'PING':
        if (this.options.answerPings ?? true) this.write(client, ['PONG :tmi.twitch.tv']);
        break;
      default:
        break;
    }
  }

  private onNick(client: FakeIrcClient, nick: string): void {
    client.nick = nick;
    const accept = this.options.acceptLogin?.(nick, client.pass) ?? true;
    if (!accept) {
      this.write(client, [':tmi.twitch.tv NOTICE * :Login authentication failed']);
      setTimeout(() => this.sockets.get(client)?.close(), 20);
      return;
    }
    client.registered = true;
    const lines = [
      `:tmi.twitch.tv 001 ${nick} :Welcome, GLHF!`,
      `:tmi.twitch.tv 002 ${nick} :Your host is tmi.twitch.tv`,
      `:tmi.twitch.tv 003 ${nick} :This server is rather new`,
      `:tmi.twitch.tv 004 ${nick} :-`,
      `:tmi.twitch.tv 375 ${nick} :-`,
      `:tmi.twitch.tv 372 ${nick} :You are in a maze of twisty passages, all alike.`,
      `:tmi.twitch.tv 376 ${nick} :>`,
    ];
    if (!isAnonymous(nick)) {
      lines.push(
        `@badge-info=;badges=;color=;display-name=${nick};emote-sets=0;user-id=1000;user-type= :tmi.twitch.tv GLOBALUSERSTATE`,
      );
    }
    this.write(client, lines);
  }

  private onJoin(client: FakeIrcClient, channel: string): void {
    if (!channel.startsWith('#')) return;
    const behaviour = this.options.joinBehaviour?.(channel.slice(1)) ?? 'ok';
    if (behaviour === 'ignore') return;
    if (behaviour === 'suspended') {
      this.write(client, [
        `@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE ${channel} :This channel does not exist or has been suspended.`,
      ]);
      return;
    }
    client.channels.add(channel);
    const nick = client.nick ?? '';
    const lines = [`${userPrefix(client)} JOIN ${channel}`];
    if (!isAnonymous(nick)) {
      lines.push(
        `@badge-info=;badges=;color=;display-name=${nick};emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE ${channel}`,
      );
    }
    lines.push(
      `:${nick}.tmi.twitch.tv 353 ${nick} = ${channel} :${nick}`,
      `:${nick}.tmi.twitch.tv 366 ${nick} ${channel} :End of /NAMES list`,
    );
    if (behaviour === 'ok') {
      lines.push(
        `@emote-only=0;followers-only=-1;r9k=0;room-id=4242;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE ${channel}`,
      );
    }
    this.write(client, lines);
  }

  private write(client: FakeIrcClient, lines: readonly string[]): void {
    const socket = this.sockets.get(client);
    if (!socket || socket.readyState !== socket.OPEN) return;
    socket.send(lines.map((l) => `${l}\r\n`).join(''));
  }
}

/** How the server treats a JOIN of one channel. */
export type JoinBehaviour =
  /** Echo, USERSTATE (logged-in), NAMES, ROOMSTATE: a normal join. */
  | 'ok'
  /** Echo but no ROOMSTATE, as Twitch does for a channel that does not exist: tmi.js's join() times out. */
  | 'no-roomstate'
  /** `NOTICE #chan` with `msg-id=msg_channel_suspended`: tmi.js's join() rejects with that msg-id. */
  | 'suspended'
  /** No answer at all. */
  | 'ignore';

export interface FakeTwitchIrcServerOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Decides whether a login succeeds (default: always). `pass` is the PASS argument, e.g. `oauth:abc`. */
  acceptLogin?: (nick: string, pass: string | null) => boolean;
  /** How JOINs of a channel (login, no `#`) are answered (default `ok`). */
  joinBehaviour?: (channel: string) => JoinBehaviour;
  /** Answer clients' PING with `PONG :tmi.twitch.tv` (default true). */
  answerPings?: boolean;
}

/** One connection as the server sees it. Mutated by the server as the client talks. */
export interface FakeIrcClient {
  /** 1, 2, ... in connection order. */
  readonly id: number;
  /** Negotiated WebSocket subprotocol (`irc` for tmi.js). */
  readonly protocol: string | null;
  /** The `Sec-WebSocket-Protocol` request header. */
  readonly requestedProtocols: string;
  /** Lowercase NICK, once sent. */
  nick: string | null;
  /** PASS argument, once sent (`SCHMOOPIIE` for tmi.js anonymous logins, `oauth:...` otherwise). */
  pass: string | null;
  /** Capabilities requested with CAP REQ. */
  caps: string[];
  /** Joined channels, `#name`. Emptied when the connection closes. */
  readonly channels: Set<string>;
  /** Logged in (welcome sent). */
  registered: boolean;
  open: boolean;
}

/** A line a client sent. */
export interface ReceivedLine {
  clientId: number;
  /** The client's nick when the line arrived (null before NICK). */
  nick: string | null;
  line: string;
  /** Uppercase command, e.g. `JOIN`, `PONG`. */
  command: string;
  at: number;
}

/** Anonymous logins are `justinfan<digits>`. */
function isAnonymous(nick: string): boolean {
  return /^justinfan\d+$/.test(nick);
}

function userPrefix(client: FakeIrcClient): string {
  const nick = client.nick ?? '';
  return `:${nick}!${nick}@${nick}.tmi.twitch.tv`;
}

function toChannel(channel: string): string {
  return `#${channel.replace(/^#/, '').toLowerCase()}`;
}

function escapeTagValue(value: string): string {
  return value.replace(
    /[\\; \r\n]/g,
    (c) => ({ '\\': '\\\\', ';': '\\:', ' ': '\\s', '\r': '\\r', '\n': '\\n' })[c] ?? c,
  );
}

/** Splits an IRC line into command and parameters (tags and prefix skipped). */
function parseLine(line: string): { command: string; params: string[] } {
  let rest = line;
  if (rest.startsWith('@')) rest = rest.slice(rest.indexOf(' ') + 1 || rest.length);
  rest = rest.trimStart();
  if (rest.startsWith(':')) rest = rest.slice(rest.indexOf(' ') + 1 || rest.length);
  rest = rest.trimStart();
  const params: string[] = [];
  const space = rest.indexOf(' ');
  const command = (space === -1 ? rest : rest.slice(0, space)).toUpperCase();
  rest = space === -1 ? '' : rest.slice(space + 1);
  while (rest.length > 0) {
    if (rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    const next = rest.indexOf(' ');
    if (next === -1) {
      params.push(rest);
      break;
    }
    params.push(rest.slice(0, next));
    rest = rest.slice(next + 1).trimStart();
  }
  return { command, params };
}

/** The `#channel` a server line is about (its first parameter), lowercase, or null. */
function channelOf(line: string): string | null {
  const first = parseLine(line).params[0];
  return first !== undefined && first.startsWith('#') ? first.toLowerCase() : null;
}

import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { SqliteArchive } from '../../server/archive/SqliteArchive';
import { simulateChat } from '../../server/simulator';
import { FakeTwitchIrcServer } from '../../test/irc/FakeTwitchIrcServer';
import { LatencyHistogram } from './LatencyHistogram';

export interface LoadScenario {
  name: string;
  /** Messages per second the IRC server sends. */
  rate: number;
  seconds: number;
  /** socket.io clients subscribed to the channel (in observer processes of their own). */
  clients: number;
  /** Server settings on top of the bench defaults (e.g. `{ topics: false }`). */
  server: Record<string, unknown>;
}

const CHANNEL = 'loadchan';
/** The IRC server sends a frame every this many ms, as Twitch batches lines under load. */
const TICK_MS = 10;
/** socket.io clients per observer process. */
const CLIENTS_PER_OBSERVER = 25;

interface ObserverReport {
  clients: number;
  receivedByFirstClient: number;
  delivery: { buckets: [number, number][]; max: number };
  config: { buckets: [number, number][]; max: number; failures: number } | null;
  topics: Record<string, unknown> | null;
}

/** Chat texts and authors of a busy simulated channel, cycled through: real-looking French chat at any rate. */
export function chatPool(size: number): { login: string; text: string }[] {
  const pool: { login: string; text: string }[] = [];
  for (const m of simulateChat({
    seed: 7,
    ratePerSecond: 50,
    channel: CHANNEL,
    streamId: 'load',
    startedAt: Date.UTC(2024, 0, 1),
    minutes: Math.ceil(size / 50 / 60) + 1,
  })) {
    if (pool.length >= size) break;
    pool.push({ login: m.user.login, text: m.text.replace(/[\r\n]/g, ' ') });
  }
  return pool;
}

export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Lines a child prints on stdout, kept so several waits can read them (a stream's iterator can be read once). */
export function stdoutLines(child: ChildProcess): (prefix: string) => Promise<string> {
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += String(chunk);
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      const waiter = waiters.findIndex((w) => line.startsWith(w.prefix));
      if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(line);
      else lines.push(line);
    }
  });
  return (prefix) =>
    new Promise((resolve, reject) => {
      const seen = lines.findIndex((l) => l.startsWith(prefix));
      if (seen >= 0) return resolve(lines.splice(seen, 1)[0]!);
      waiters.push({ prefix, resolve });
      child.once('exit', () => reject(new Error(`the child exited before printing "${prefix}"`)));
    });
}

/**
 * One load run: a real local IRC server (the tests' fake Twitch) feeds the server, in its own process, at a fixed
 * rate; observers in another process time delivery and `/api/config`; the server's resident memory is sampled;
 * after a graceful stop the archive is counted against what was sent.
 */
export async function runScenario(scenario: LoadScenario) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-bench-load-'));
  const irc = await FakeTwitchIrcServer.start();
  const dbPath = path.join(dir, 'archive.sqlite');
  // LOAD_SERVER_NODE_ARGS: extra node flags for the server, e.g. `--cpu-prof` to see where its event loop goes.
  const nodeArgs = (process.env.LOAD_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      'tsx',
      path.join('bench', 'load', 'serverChild.ts'),
      JSON.stringify({ dbPath, channels: [CHANNEL], twitchIrcUrl: `ws://${irc.host}:${irc.port}`, ...scenario.server }),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const serverLine = stdoutLines(server);
  const observers: { child: ChildProcess; line: (prefix: string) => Promise<string> }[] = [];
  try {
    const url = (await serverLine('ready ')).slice('ready '.length).trim();
    await irc.waitFor(() => irc.clients.some((c) => c.channels.has(`#${CHANNEL}`)), {
      timeoutMs: 30_000,
      description: 'the server joining the channel',
    });
    // One prober, and the clients spread over processes of at most CLIENTS_PER_OBSERVER.
    const counts = [
      0,
      ...Array.from({ length: Math.ceil(scenario.clients / CLIENTS_PER_OBSERVER) }, (_, i) =>
        Math.min(CLIENTS_PER_OBSERVER, scenario.clients - i * CLIENTS_PER_OBSERVER),
      ),
    ];
    for (const [i, clients] of counts.entries()) {
      const child = fork(
        path.join('bench', 'load', 'observerChild.ts'),
        [url, CHANNEL, String(clients), i === 0 ? 'probe' : 'clients'],
        { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
      );
      observers.push({ child, line: stdoutLines(child) });
    }
    await Promise.all(observers.map((o) => once(o.child, 'message')));

    const pool = chatPool(20_000);
    const rss: number[] = [];
    const sampler = setInterval(() => {
      const mb = rssMb(server.pid!);
      if (mb !== null) rss.push(mb);
    }, 250);
    const total = scenario.rate * scenario.seconds;
    let sent = 0;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * scenario.rate));
        const lines: string[] = [];
        for (; sent < due; sent++) {
          const chat = pool[sent % pool.length]!;
          lines.push(
            FakeTwitchIrcServer.privmsg({
              channel: CHANNEL,
              login: chat.login,
              text: chat.text,
              tags: {
                id: `load-${sent}`,
                'tmi-sent-ts': Date.now(),
                'user-id': 1000 + (sent % 5000),
                'display-name': chat.login,
              },
            }),
          );
        }
        if (lines.length > 0) irc.sendBatch(CHANNEL, lines);
        if (sent >= total) resolve();
        else setTimeout(tick, TICK_MS);
      };
      tick();
    });
    const sendSeconds = (performance.now() - started) / 1000;
    // Let what is in flight arrive before the observers stop counting.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    clearInterval(sampler);
    for (const o of observers) o.child.send('stop');
    const reports = await Promise.all(observers.map(async (o) => JSON.parse(await o.line('{')) as ObserverReport));
    const delivery = new LatencyHistogram();
    const config = new LatencyHistogram();
    for (const r of reports) {
      delivery.merge(r.delivery);
      if (r.config) config.merge(r.config);
    }
    const probeReport = reports[0]!;
    const firstClients = reports.find((r) => r.clients > 0);
    const loopLine = serverLine('loop ');
    server.kill('SIGTERM');
    const eventLoop = JSON.parse((await loopLine).slice('loop '.length)) as Record<string, number>;
    const [code] = server.exitCode !== null ? [server.exitCode] : ((await once(server, 'exit')) as [number | null]);
    const archive = SqliteArchive.open(dbPath);
    const archived = archive
      .listStreams()
      .filter((s) => s.channel === CHANNEL)
      .reduce((n, s) => n + s.messageCount, 0);
    archive.close();
    const sortedRss = [...rss].sort((a, b) => a - b);
    return {
      scenario: scenario.name,
      rate: scenario.rate,
      seconds: scenario.seconds,
      server: scenario.server,
      sent,
      sendSeconds: Math.round(sendSeconds * 10) / 10,
      archived,
      lost: sent - archived,
      serverExit: code,
      eventLoop,
      rssMb: {
        max: Math.round(sortedRss.at(-1) ?? 0),
        p50: Math.round(sortedRss[Math.floor(sortedRss.length / 2)] ?? 0),
      },
      clients: scenario.clients,
      receivedByFirstClient: firstClients?.receivedByFirstClient ?? 0,
      deliveryMs: delivery.summary(),
      configMs: { ...config.summary(), failures: probeReport.config?.failures ?? 0 },
      topics: firstClients?.topics ?? null,
    };
  } finally {
    for (const o of observers) o.child.kill();
    if (server.exitCode === null) server.kill('SIGKILL');
    await irc.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

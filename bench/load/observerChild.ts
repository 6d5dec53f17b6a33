// Observers of the load benchmark, in their own process: N socket.io clients subscribed to one channel record
// each message's delay from its Twitch timestamp to its arrival; with `probe`, GET /api/config is timed every
// 100 ms. Started with `<url> <channel> <clients> [probe]`; prints one JSON line of results when sent "stop" (IPC).
// Several run side by side for many clients: one process decoding 200 clients' traffic measures itself, not the server.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TopicsSnapshot } from '../../contracts/socket-events';
import { LatencyHistogram } from './LatencyHistogram';

const [url, channel, clientsArg] = process.argv.slice(2) as [string, string, string];
const clientCount = Number(clientsArg);
const probe = process.argv[5] === 'probe';
const delivery = new LatencyHistogram();
const config = new LatencyHistogram();
let configFailures = 0;
let lastTopics: TopicsSnapshot | null = null;
let received = 0;

const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
for (let i = 0; i < clientCount; i++) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    forceNew: true,
  });
  socket.on('chat:lines', ({ lines }) => {
    const now = Date.now();
    for (const line of lines) delivery.add(now - line.message.ts);
    if (i === 0) received += lines.length;
  });
  if (i === 0) socket.on('topics:update', (snapshot) => (lastTopics = snapshot));
  sockets.push(socket);
}
await Promise.all(
  sockets.map(
    (socket) =>
      new Promise<void>((resolve, reject) => {
        const subscribe = () =>
          socket.emit('channel:subscribe', { channel, afterSeq: Number.MAX_SAFE_INTEGER }, (res) =>
            res.ok ? resolve() : reject(new Error(res.error)),
          );
        if (socket.connected) subscribe();
        else socket.once('connect', subscribe);
      }),
  ),
);

let probing = probe;
void (async () => {
  while (probing) {
    const started = performance.now();
    try {
      const res = await fetch(`${url}/api/config`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (!res.ok) configFailures++;
    } catch {
      configFailures++;
    }
    config.add(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();

process.send!('subscribed');
process.on('message', (message) => {
  if (message !== 'stop') return;
  probing = false;
  for (const socket of sockets) socket.close();
  const result = {
    clients: clientCount,
    receivedByFirstClient: received,
    delivery: delivery.toSparse(),
    config: probe ? { ...config.toSparse(), failures: configFailures } : null,
    topics: lastTopics
      ? {
          status: lastTopics.status,
          excluded: lastTopics.excluded,
          window: lastTopics.window,
          refits: lastTopics.refits,
          shed: lastTopics.shed ?? null,
        }
      : null,
  };
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
});

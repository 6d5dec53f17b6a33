// Browsers of the scale benchmark, in their own process: socket.io clients spread over the deployment's nodes and
// channels record each message's delay from its Twitch timestamp to its arrival. Argument: JSON
// { urls, channels, clients, offset }: client i connects to urls[(offset + i) % nodes] and follows
// channels[(offset + i) % channels]. IPC: "phase" starts the second histogram (after a node is killed), "stop" prints
// one JSON line of results.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contracts/socket-events';
import { LatencyHistogram } from '../load/LatencyHistogram';

const { urls, channels, clients, offset } = JSON.parse(process.argv[2]!) as {
  urls: string[];
  channels: string[];
  clients: number;
  offset: number;
};
const phases = [new LatencyHistogram(), new LatencyHistogram()];
const received = [0, 0];
let phase = 0;
let disconnected = 0;

const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
const subscribed: Promise<void>[] = [];
for (let i = 0; i < clients; i++) {
  const n = offset + i;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(urls[n % urls.length]!, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const channel = channels[n % channels.length]!;
  socket.on('chat:lines', ({ lines }) => {
    const now = Date.now();
    for (const line of lines) phases[phase]!.add(now - line.message.ts);
    received[phase]! += lines.length;
  });
  socket.on('disconnect', () => disconnected++);
  subscribed.push(
    new Promise<void>((resolve, reject) => {
      const subscribe = () =>
        socket.emit('channel:subscribe', { channel, afterSeq: Number.MAX_SAFE_INTEGER }, (res) =>
          res.ok ? resolve() : reject(new Error(`${channel}: ${res.error}`)),
        );
      socket.once('connect', subscribe);
    }),
  );
  sockets.push(socket);
}
await Promise.all(subscribed);
process.send!('subscribed');
process.on('message', (message) => {
  if (message === 'phase') phase = 1;
  if (message !== 'stop') return;
  const result = {
    clients,
    // Before the clients close: the ones whose node died.
    disconnected,
    received,
    delivery: phases.map((h) => h.toSparse()),
  };
  for (const socket of sockets) socket.close();
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
});

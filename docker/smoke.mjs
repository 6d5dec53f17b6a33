// Smoke test of a running image: connects to its dashboard over socket.io as a browser would, subscribes to the demo
// channel and waits for labelled topics from a refit. Exits 0 when they came, 1 (saying what it saw) when not.
//   node docker/smoke.mjs http://127.0.0.1:3999 [timeout seconds, default 180]
import { io } from 'socket.io-client';

const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const timeoutMs = Number(process.argv[3] ?? 180) * 1000;
const started = Date.now();
let last = 'no snapshot yet';

const socket = io(url, { transports: ['websocket'], reconnectionDelay: 1000 });
const finish = (code, line) => {
  console.log(`smoke: ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  socket.close();
  process.exit(code);
};
setTimeout(() => finish(1, `no labelled topics from ${url} in time; last: ${last}`), timeoutMs).unref();
socket.on('connect', () => socket.emit('channel:subscribe', { channel: 'demo', afterSeq: 0 }, () => undefined));
socket.on('connect_error', (err) => (last = `connect error: ${err.message}`));
socket.on('topics:update', (snapshot) => {
  const labelled = snapshot.topics.filter((t) => t.label && t.label.length > 0);
  last = `status ${snapshot.status}, ${snapshot.topics.length} topics, last refit ${snapshot.lastRefit ? 'yes' : 'none'}`;
  if (snapshot.lastRefit && labelled.length > 0)
    finish(
      0,
      `demo topics over socket.io: ${labelled
        .slice(0, 3)
        .map((t) => t.label)
        .join(' | ')}`,
    );
});

// Smoke test of a running image: connects to its dashboard over socket.io as a browser would, subscribes to the demo
// channel and waits for labelled topics from a refit. Exits 0 when they came, 1 (saying what it saw) when not.
//   node docker/smoke.mjs http://127.0.0.1:3999 [timeout seconds, default 180]
//     [--refit-after EPOCH_MS]  only a refit that finished after this time counts (e.g. after an embed server died)
//     [--advance S]             and its newest message is at least S stream seconds after the first snapshot's
//     [--max-dropped N]         and the demo may have lost at most N messages to a failing embedder (default any)
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'refit-after': { type: 'string' }, advance: { type: 'string' }, 'max-dropped': { type: 'string' } },
});
const url = positionals[0] ?? 'http://127.0.0.1:3000';
const timeoutMs = Number(positionals[1] ?? 180) * 1000;
const refitAfter = Number(values['refit-after'] ?? 0);
const maxDropped = values['max-dropped'] === undefined ? Infinity : Number(values['max-dropped']);
const advance = Number(values.advance ?? 0);
let firstClock = null;
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
  const dropped = snapshot.excluded.dropped;
  const refit = snapshot.lastRefit;
  firstClock ??= snapshot.clock;
  last = `status ${snapshot.status}, ${snapshot.topics.length} topics, clock ${snapshot.clock} s, dropped ${dropped}, last refit ${refit ? `at clock ${refit.clock} s, ${new Date(refit.at).toISOString()}` : 'none'}`;
  if (dropped > maxDropped) finish(1, `${dropped} demo messages dropped (at most ${maxDropped}); ${last}`);
  if (refit && refit.at > refitAfter && refit.clock >= firstClock + advance && labelled.length > 0)
    finish(
      0,
      `demo topics over socket.io, refit at clock ${refit.clock} s of ${refit.messages} messages, dropped ${dropped}: ${labelled
        .slice(0, 3)
        .map((t) => t.label)
        .join(' | ')}`,
    );
});

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResponse } from '../../contracts/socket-events';
import { tempWorkspace } from '../importers/testHelpers';
import pino from 'pino';
import { handleImport, type ImportRouteDeps } from './importRoute';

let ws: ReturnType<typeof tempWorkspace>;
let server: http.Server;
let port: number;
let deps: ImportRouteDeps;
/** What the route logged, one JSON object a line. */
const logged: string[] = [];
/** Requests held open by the test (their body not finished), released by `release()`. */
const held: http.ClientRequest[] = [];

beforeAll(async () => {
  ws = tempWorkspace();
  fs.mkdirSync(path.join(ws.dir, 'uploads'));
  deps = {
    archive: ws.archive(),
    maxBytes: 10e6,
    maxConcurrent: 2,
    tmpDir: path.join(ws.dir, 'uploads'),
    botNames: [],
    logger: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }),
    onImported: () => undefined,
  };
  server = http.createServer((req, res) => void handleImport(req, res, new URL(req.url!, 'http://x'), deps));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const r of held) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  ws.cleanup();
});

const CHAT = '[0:00:01] alice: salut\n[0:00:02] bob: ça va\n';
const uploads = () => fs.readdirSync(path.join(ws.dir, 'uploads'));

/** Starts an upload and leaves it open (headers and part of the body sent). */
function startUpload(): Promise<http.ClientRequest> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/import?name=slow.txt',
      headers: { 'content-length': '100000' },
    });
    req.on('error', () => undefined);
    req.write(CHAT, () => resolve(req));
    held.push(req);
  });
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('POST /api/import', () => {
  it('removes, at its first import, an upload left over a day ago by a process that died (a fresh one stays)', async () => {
    const dead = path.join(ws.dir, 'uploads', 'chat-topics-upload-dead');
    const fresh = path.join(ws.dir, 'uploads', 'chat-topics-upload-fresh');
    for (const d of [dead, fresh]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(dead, 'vod.json'), 'x');
    const old = new Date(Date.now() - 25 * 3600 * 1000);
    fs.utimesSync(dead, old, old);
    const res = await fetch(`http://127.0.0.1:${port}/api/import?name=first.txt`, { method: 'POST', body: CHAT });
    expect(res.status).toBe(200);
    expect(uploads()).toEqual(['chat-topics-upload-fresh']);
    fs.rmdirSync(fresh);
  });

  it('answers a whole file with complete: true and the error count', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/import?name=ok.txt`, {
      method: 'POST',
      body: `${CHAT}[0:00:03] bad name: x\n`,
    });
    const body = (await res.json()) as ImportResponse;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ imported: 2, errorCount: 1, complete: true, incompleteReason: null, lastGoodLine: 2 });
  });

  it('refuses a third import while two are running (429, a clear message), and accepts again once one ends', async () => {
    const a = await startUpload();
    const b = await startUpload();
    await waitFor(() => uploads().length === 2);
    const refused = await fetch(`http://127.0.0.1:${port}/api/import?name=third.txt`, { method: 'POST', body: CHAT });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { error: string }).error).toBe(
      'too many imports at once: 2 running, the limit is 2; try again when one has finished',
    );
    // A client that goes away mid-upload: its temporary file is removed and its slot freed.
    a.destroy();
    b.destroy();
    await waitFor(() => uploads().length === 0);
    const again = await fetch(`http://127.0.0.1:${port}/api/import?name=again.txt`, { method: 'POST', body: CHAT });
    expect(again.status).toBe(200);
    expect(uploads()).toEqual([]);
  });

  it('refuses a file in no known format in one short line for the form, with each format described in the log', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/import?name=notes.txt`, {
      method: 'POST',
      body: 'Lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n',
    });
    expect(res.status).toBe(415);
    const { error } = (await res.json()) as { error: string };
    expect(error.length).toBeLessThanOrEqual(240);
    expect(error).toMatch(/^notes\.txt: unrecognised chat file format; expected one of: .*jsonl \(line 1 fits none/);
    const entry = logged.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.name === 'notes.txt');
    expect(entry).toMatchObject({ msg: 'import refused', error });
    expect(entry?.details).toContain('a JSON object with a `comments` array (TwitchDownloader)');
  });

  it('sends the code and params of a refusal next to the English error, for the page to say in its language', async () => {
    const tooBig = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      // Refused on its declared size, before any byte of the body.
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/import?name=big.txt',
          headers: { 'content-length': '12500000' },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(tooBig).toEqual({
      status: 413,
      body: {
        error: 'file too large: 12.5 MB, the limit is 10 MB',
        code: 'import.too-large',
        params: { size: 12.5, limit: 10 },
      },
    });
    const unknown = await fetch(`http://127.0.0.1:${port}/api/import?name=notes.txt`, {
      method: 'POST',
      body: '\nLorem ipsum dolor sit amet\n',
    });
    expect(unknown.status).toBe(415);
    expect(await unknown.json()).toMatchObject({
      code: 'import.unrecognised',
      params: { file: 'notes.txt', line: 2, sample: 'Lorem ipsum dolor sit amet' },
    });
  });

  it('removes the temporary file of a refused or failed upload', async () => {
    const garbage = await fetch(`http://127.0.0.1:${port}/api/import?name=x.bin`, {
      method: 'POST',
      body: 'no chat here\n',
    });
    expect(garbage.status).toBe(415);
    const tooBig = await new Promise<number>((resolve) => {
      // No content-length: the size limit cuts the body off while it streams.
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.write(`POST /api/import?name=big.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const chunk = 'a'.repeat(1_000_000);
        for (let i = 0; i < 11; i++) sock.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        sock.write('0\r\n\r\n');
      });
      sock.on('data', (d) => {
        resolve(Number(/HTTP\/1\.1 (\d+)/.exec(d.toString())?.[1]));
        sock.destroy();
      });
      sock.on('error', () => undefined);
      sock.on('close', () => resolve(0));
    });
    expect(tooBig).toBe(413);
    await waitFor(() => uploads().length === 0);
  });
});

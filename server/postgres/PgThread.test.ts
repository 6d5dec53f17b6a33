import { describe, expect, it } from 'vitest';
import { ChatTopicsError } from '../../models/errors/ChatTopicsError';
import { PgThread } from './PgThread';

// The stores of one database share one thread per process (about 30 MB each saved): each keeps its own service,
// operations and messages, and the thread ends with the last of them.

class EchoError extends ChatTopicsError {}
const entry = new URL('../../test/support/pgEchoService.ts', import.meta.url);

function open(url: string, name: string, failOpen = false): PgThread {
  return PgThread.open({
    entry,
    url,
    data: { name, failOpen },
    what: `the ${name} store`,
    opPrefix: `${name}: `,
    error: EchoError,
    openTimeoutMs: 20_000,
    callTimeoutMs: 5_000,
  });
}

type WhoAmI = { name: string; url: string; threadId: number };
const URL_1 = 'postgres://u:secret@127.0.0.1:5999/one';
const URL_2 = 'postgres://u:secret@127.0.0.1:5999/two';

describe('PgThread', () => {
  it('runs the stores of one database in one thread, each with its own service and messages; another database gets its own', () => {
    const a = open(URL_1, 'a');
    const b = open(URL_1, 'b');
    const c = open(URL_2, 'c');
    try {
      const [wa, wb, wc] = [a, b, c].map((t) => t.call<WhoAmI>('whoami', []));
      expect([wa!.name, wb!.name, wc!.name]).toEqual(['a', 'b', 'c']);
      expect(wa!.url).toBe(URL_1);
      expect(wb!.threadId).toBe(wa!.threadId);
      expect(wc!.threadId).not.toBe(wa!.threadId);
    } finally {
      [a, b, c].forEach((t) => t.close());
    }
  });

  it("delivers a service's messages to its own store only", async () => {
    const a = open(URL_1, 'a');
    const b = open(URL_1, 'b');
    const heard: string[] = [];
    a.onMessage((m) => heard.push(`a:${String(m.text)}`));
    b.onMessage((m) => heard.push(`b:${String(m.text)}`));
    try {
      a.call('post', ['hello']);
      b.call('post', ['bye']);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard.sort()).toEqual(['a:hello', 'b:bye']);
    } finally {
      a.close();
      b.close();
    }
  });

  it('ends the thread with its last store: the others go on until then, and a store opened later starts a new one', () => {
    const a = open(URL_1, 'a');
    const b = open(URL_1, 'b');
    const first = a.call<WhoAmI>('whoami', []).threadId;
    a.close();
    expect(() => a.call('whoami', [])).toThrow(/the a store is closed/);
    expect(b.call<WhoAmI>('whoami', []).threadId).toBe(first);
    b.close();
    const c = open(URL_1, 'c');
    try {
      expect(c.call<WhoAmI>('whoami', []).threadId).not.toBe(first);
    } finally {
      c.close();
    }
  });

  it('names a store whose service fails to open, without the password, and the others go on', () => {
    const a = open(URL_1, 'a');
    try {
      expect(() => open(URL_1, 'b', true)).toThrow(EchoError);
      expect(() => open(URL_1, 'b', true)).toThrow(
        'postgres://u:***@127.0.0.1:5999/one: cannot open the b store: b refused to open',
      );
      expect(a.call<WhoAmI>('whoami', []).name).toBe('a');
      expect(() => a.call('nope', [])).toThrow('a: nope: unknown operation nope');
    } finally {
      a.close();
    }
  });
});

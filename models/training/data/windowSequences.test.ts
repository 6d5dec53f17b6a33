import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import type { EncodedMessage } from './encodeMessages';
import { windowSequences } from './windowSequences';

const CLS = 1;
const SEP = 2;
const msg = (stream: string, timeMs: number, ...ids: number[]): EncodedMessage => ({ stream, timeMs, ids: Int32Array.from(ids) });

describe('windowSequences', () => {
  it('joins messages of one stream and window as <cls> m <sep> m <sep>, never mixing streams or windows', () => {
    const rows = windowSequences(
      [msg('a', 0, 10, 11), msg('b', 1000, 20), msg('a', 3000, 12), msg('a', 10_500, 13), msg('b', 2000, 21)],
      { windowSeconds: 10, maxTokens: 16, cls: CLS, sep: SEP },
    ).map((r) => Array.from(r));
    expect(rows).toEqual([
      [CLS, 10, 11, SEP, 12, SEP],
      [CLS, 13, SEP],
      [CLS, 20, SEP, 21, SEP],
    ]);
  });

  it('starts a new row when a message does not fit, and cuts a message longer than a row', () => {
    const long = Array.from({ length: 20 }, (_, i) => 100 + i);
    const rows = windowSequences([msg('a', 0, 10, 11, 12), msg('a', 1, 13, 14, 15), msg('a', 2, ...long)], { windowSeconds: 10, maxTokens: 8, cls: CLS, sep: SEP });
    expect(rows.map((r) => Array.from(r))).toEqual([
      [CLS, 10, 11, 12, SEP],
      [CLS, 13, 14, 15, SEP],
      [CLS, ...long.slice(0, 6), SEP],
    ]);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(8);
  });

  it('on many random messages: every row fits maxTokens, spans at most the window, and keeps every token', () => {
    const rand = Lcg32.ansiC(3).toFunction();
    const messages = Array.from({ length: 500 }, (_, i) =>
      msg(`s${i % 4}`, Math.floor(rand() * 120_000), ...Array.from({ length: 1 + Math.floor(rand() * 12) }, () => 10 + Math.floor(rand() * 50))),
    );
    const rows = windowSequences(messages, { windowSeconds: 10, maxTokens: 24, cls: CLS, sep: SEP });
    for (const r of rows) {
      expect(r.length).toBeLessThanOrEqual(24);
      expect(r[0]).toBe(CLS);
      expect(r[r.length - 1]).toBe(SEP);
    }
    const tokensIn = messages.reduce((n, m) => n + m.ids.length, 0);
    const tokensOut = rows.reduce((n, r) => n + r.filter((id) => id !== CLS && id !== SEP).length, 0);
    expect(tokensOut).toBe(tokensIn);
    expect(rows.reduce((n, r) => n + r.filter((id) => id === SEP).length, 0)).toBe(messages.length);
  });
});

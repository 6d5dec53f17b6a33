import { afterEach, describe, expect, it, vi } from 'vitest';
import { BagOfWordsEmbedder } from '../bow/BagOfWordsEmbedder';
import { EmbedService } from './EmbedService';
import { EmbedderClosedError, EmbedOverloadError } from './errors';
import { FakeEmbedder, flush } from './testing/FakeEmbedder';

const texts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('EmbedService answers and caches', () => {
  it('returns the inner vectors in input order, as copies the caller may change', async () => {
    const inner = new FakeEmbedder();
    const service = new EmbedService(inner, { maxWaitMs: 0 });
    const input = ['salut', 'GG', 'le boss est nul'];
    const out = await service.embed(input);
    expect(out.map((v) => Array.from(v))).toEqual(input.map((t) => Array.from(FakeEmbedder.vectorOf(t))));
    expect(service.id).toBe('fake-v1');
    expect(service.dimension).toBe(4);
    out[0]!.fill(99);
    expect(Array.from((await service.embed(['salut']))[0]!)).toEqual(Array.from(FakeEmbedder.vectorOf('salut')));
  });

  it('answers repeats from the cache, keyed by NFKC + trimmed + collapsed whitespace, case kept', async () => {
    const inner = new FakeEmbedder();
    const service = new EmbedService(inner, { maxWaitMs: 0 });
    await service.embed(['gg wp', 'KEKW']);
    const [fullWidth, spaced, lower] = await service.embed(['ｇｇ wp', '  gg \t wp ', 'kekw']);
    expect(inner.calls).toEqual([['gg wp', 'KEKW'], ['kekw']]);
    expect(Array.from(fullWidth!)).toEqual(Array.from(FakeEmbedder.vectorOf('gg wp')));
    expect(Array.from(spaced!)).toEqual(Array.from(FakeEmbedder.vectorOf('gg wp')));
    expect(Array.from(lower!)).toEqual(Array.from(FakeEmbedder.vectorOf('kekw')));
    const stats = service.stats();
    expect(stats).toMatchObject({ requests: 2, texts: 5, cacheHits: 2, cached: 3, batches: 2 });
    expect(stats.cacheHitRate).toBeCloseTo(2 / 5, 10);
  });

  it('keeps at most cacheSize vectors, dropping the least recently used', async () => {
    const inner = new FakeEmbedder();
    const service = new EmbedService(inner, { maxWaitMs: 0, cacheSize: 2 });
    await service.embed(['a']);
    await service.embed(['b']);
    await service.embed(['a']); // a is now the most recent
    await service.embed(['c']); // evicts b
    await service.embed(['a', 'b']);
    expect(inner.calls).toEqual([['a'], ['b'], ['c'], ['b']]);
    expect(service.stats().cached).toBe(2);
  });

  it('embeds identical texts pending at the same time once, inside a request and across requests', async () => {
    const inner = new FakeEmbedder('manual');
    const service = new EmbedService(inner, { maxBatchSize: 3, maxWaitMs: 1000 });
    const first = service.embed(['x', 'y', 'x']);
    const second = service.embed(['y ', 'z']);
    await vi.waitFor(() => expect(inner.held).toHaveLength(1));
    inner.releaseNext();
    const [a, b] = await Promise.all([first, second]);
    expect(inner.calls).toEqual([['x', 'y', 'z']]);
    expect(Array.from(a[2]!)).toEqual(Array.from(a[0]!));
    expect(Array.from(b[0]!)).toEqual(Array.from(a[1]!));
    expect(service.stats().deduplicated).toBe(2);
  });
});

describe('EmbedService batching', () => {
  it('sends a full batch at once, one batch in flight at a time, the next filling meanwhile', async () => {
    const inner = new FakeEmbedder('manual');
    const service = new EmbedService(inner, { maxBatchSize: 4, maxWaitMs: 1000 });
    const requests = texts('m', 10).map((t) => service.embed([t]));
    await flush();
    expect(inner.batchSizes()).toEqual([4]);
    expect(service.stats()).toMatchObject({ inFlight: 4, queued: 6 });
    inner.releaseNext();
    await flush();
    expect(inner.batchSizes()).toEqual([4, 4]);
    expect(inner.maxConcurrent).toBe(1);
    inner.releaseNext();
    await flush();
    // Two left: not a full batch, so they wait for maxWaitMs (1 s here) before going.
    expect(inner.batchSizes()).toEqual([4, 4]);
    expect(service.stats().queued).toBe(2);
    await service.close();
    const settled = await Promise.allSettled(requests);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(8);
  });

  it('sends a partial batch once its oldest text waited maxWaitMs, not before', async () => {
    vi.useFakeTimers();
    const inner = new FakeEmbedder();
    const service = new EmbedService(inner, { maxBatchSize: 64, maxWaitMs: 30, now: () => Date.now() });
    const done = service.embed(['a', 'b']);
    vi.advanceTimersByTime(10);
    const later = service.embed(['c']);
    vi.advanceTimersByTime(19);
    await flush();
    expect(inner.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    await flush();
    expect(inner.calls).toEqual([['a', 'b', 'c']]);
    await Promise.all([done, later]);
    const stats = service.stats();
    expect(stats.meanBatchSize).toBe(3);
    // Latency runs from each request's arrival to its vector: 30 ms for a and b, 20 ms for c.
    expect(stats.latencyMs).toMatchObject({ p50: 30, p95: 30, max: 30, samples: 3 });
  });

  it('fails only the batch whose inner call failed, caches nothing of it, and goes on', async () => {
    const inner = new FakeEmbedder();
    inner.poison.add('boom');
    const service = new EmbedService(inner, { maxWaitMs: 0 });
    await expect(service.embed(['ok', 'boom'])).rejects.toThrow('fake failure at text 1');
    expect(service.stats().innerErrors).toBe(1);
    inner.poison.clear();
    const [ok, boom] = await service.embed(['ok', 'boom']);
    expect(Array.from(boom!)).toEqual(Array.from(FakeEmbedder.vectorOf('boom')));
    expect(Array.from(ok!)).toEqual(Array.from(FakeEmbedder.vectorOf('ok')));
    expect(inner.calls).toEqual([
      ['ok', 'boom'],
      ['ok', 'boom'],
    ]);
  });

  it('refuses an inner embedder that returns the wrong number or size of vectors', async () => {
    const broken = {
      id: 'broken',
      dimension: 4,
      embed: async (t: readonly string[]) => t.slice(1).map(() => new Float32Array(4)),
      close: async () => {},
    };
    const service = new EmbedService(broken, { maxWaitMs: 0 });
    await expect(service.embed(['a', 'b'])).rejects.toThrow('embedder broken returned 1 vectors for 2 texts');
  });
});

describe('EmbedService backpressure', () => {
  /** One batch of 4 in flight (held), then `queued` more texts waiting. */
  async function loaded(overload: 'reject' | 'wait', queued: number) {
    const inner = new FakeEmbedder('manual');
    const service = new EmbedService(inner, { maxBatchSize: 4, maxWaitMs: 0, maxQueued: 8, overload });
    const first = service.embed(texts('a', 4));
    const second = service.embed(texts('b', queued));
    await flush();
    expect(service.stats()).toMatchObject({ inFlight: 4, queued });
    return { inner, service, first, second };
  }

  it("'reject' fails a request that does not fit at once, queuing none of it", async () => {
    const { inner, service, first, second } = await loaded('reject', 6);
    const refused = service.embed(['c0', 'c1', 'c2']);
    await expect(refused).rejects.toBeInstanceOf(EmbedOverloadError);
    await expect(refused).rejects.toMatchObject({ reason: 'queue-full' });
    expect(service.stats()).toMatchObject({ queued: 6, rejected: 1 });
    // A request served from the cache or joining pending texts takes no room: never refused.
    await expect(
      Promise.race([service.embed(['b0']).then(() => 'answered'), flush().then(() => 'pending')]),
    ).resolves.toBe('pending');
    expect(service.stats().rejected).toBe(1);
    while (inner.held.length > 0 || service.stats().queued > 0) {
      await vi.waitFor(() => expect(inner.held.length).toBeGreaterThan(0));
      inner.releaseNext();
      await flush();
    }
    await Promise.all([first, second]);
    expect(inner.calls.flat()).not.toContain('c0');
  });

  it('refuses a request with more distinct new texts than the queue can ever hold', async () => {
    const service = new EmbedService(new FakeEmbedder(), { maxQueued: 8, overload: 'wait' });
    await expect(service.embed(texts('x', 9))).rejects.toMatchObject({
      name: 'EmbedOverloadError',
      reason: 'request-too-large',
    });
    await expect(service.embed([...texts('x', 8), 'x0', 'x1'])).resolves.toHaveLength(10);
  });

  it("'wait' holds requests until there is room, first come first served", async () => {
    const { inner, service, first, second } = await loaded('wait', 6);
    const third = service.embed(['c0', 'c1', 'c2']);
    const fourth = service.embed(['d0']); // fits, but must not overtake the third
    await flush();
    expect(service.stats()).toMatchObject({ waiting: 2, waited: 2, queued: 6 });
    inner.releaseNext(); // a0-a3 done; b0-b3 go; b4, b5 + c* + d0 fit
    await flush();
    expect(service.stats()).toMatchObject({ waiting: 0, queued: 6 });
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(inner.held.length).toBeGreaterThan(0));
      inner.releaseNext();
    }
    await Promise.all([first, second, third, fourth]);
    expect(inner.calls).toEqual([texts('a', 4), texts('b', 4), ['b4', 'b5', 'c0', 'c1'], ['c2', 'd0']]);
    expect(service.stats().rejected).toBe(0);
  });

  it('close() fails queued and waiting requests, lets the batch in flight finish, closes the inner embedder', async () => {
    const { inner, service, first, second } = await loaded('wait', 8);
    const waiting = service.embed(['w']);
    await flush();
    const closing = service.close();
    await expect(second).rejects.toBeInstanceOf(EmbedderClosedError);
    await expect(waiting).rejects.toBeInstanceOf(EmbedderClosedError);
    inner.releaseNext();
    await closing;
    await expect(first).resolves.toHaveLength(4);
    expect(inner.closed).toBe(true);
    await expect(service.embed(['late'])).rejects.toBeInstanceOf(EmbedderClosedError);
  });
});

describe('EmbedService over the bag-of-words embedder', () => {
  const bow = new BagOfWordsEmbedder();
  const corpus = Array.from({ length: 10_000 }, (_, i) => `message ${i} du chat KEKW ${i % 7 === 0 ? 'GG' : 'pog'}`);
  const requests = Array.from({ length: 1000 }, (_, r) => corpus.slice(r * 10, r * 10 + 10));

  it("10,000 texts at once with maxQueued 1,000 and 'reject': refusals counted, memory bounded, accepted ones right", async () => {
    const service = new EmbedService(new BagOfWordsEmbedder(), { maxQueued: 1000, cacheSize: 500, overload: 'reject' });
    const settled = await Promise.allSettled(requests.map((r) => service.embed(r)));
    const accepted = settled.flatMap((s, r) => (s.status === 'fulfilled' ? [r] : []));
    const refused = settled.filter((s) => s.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.every((s) => s.status === 'rejected' && s.reason instanceof EmbedOverloadError)).toBe(true);
    const stats = service.stats();
    expect(stats.rejected).toBe(refused.length);
    expect(stats.peakQueued).toBeLessThanOrEqual(1000);
    expect(stats.cached).toBeLessThanOrEqual(500);
    for (const r of accepted) {
      const got = (settled[r] as PromiseFulfilledResult<Float32Array[]>).value;
      expect(got.map((v) => Array.from(v))).toEqual((await bow.embed(requests[r]!)).map((v) => Array.from(v)));
    }
    await service.close();
  });

  it("'wait' answers all 10,000 with the queue never above its limit", async () => {
    const service = new EmbedService(new BagOfWordsEmbedder(), { maxQueued: 1000, overload: 'wait' });
    const answers = await Promise.all(requests.map((r) => service.embed(r)));
    const stats = service.stats();
    expect(stats.peakQueued).toBeLessThanOrEqual(1000);
    expect(stats.waited).toBeGreaterThan(0);
    expect(stats.rejected).toBe(0);
    expect(stats.meanBatchSize).toBeGreaterThan(32);
    const expected = await bow.embed(corpus);
    expect(answers.flat().every((v, i) => v.every((x, j) => x === expected[i]![j]))).toBe(true);
    await service.close();
  });
});

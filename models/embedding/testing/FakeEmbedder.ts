import type { Embedder } from '../Embedder';

/** One call the fake received and has not answered yet (manual mode). */
export interface HeldCall {
  texts: string[];
  release(): void;
  fail(err: Error): void;
}

/**
 * A controllable inner embedder for tests: records every call, gives each text a deterministic vector derived from
 * it, and in `manual` mode holds each call until the test releases (or fails) it.
 */
export class FakeEmbedder implements Embedder {
  readonly id = 'fake-v1';
  readonly dimension = 4;
  readonly calls: string[][] = [];
  readonly held: HeldCall[] = [];
  /** Most calls running at the same time. */
  maxConcurrent = 0;
  closed = false;
  /** Texts whose batch fails (with an Error naming the text's position). */
  readonly poison = new Set<string>();
  private running = 0;

  constructor(private readonly mode: 'auto' | 'manual' = 'auto') {}

  /** The vector this fake gives `text`: length, first code unit, a string hash, 1. */
  static vectorOf(text: string): Float32Array {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) % 1000;
    return Float32Array.of(text.length, text.charCodeAt(0) || 0, hash, 1);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    this.running++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
    try {
      if (this.mode === 'manual') {
        await new Promise<void>((resolve, reject) =>
          this.held.push({ texts: [...texts], release: resolve, fail: reject }),
        );
      } else {
        await Promise.resolve();
      }
      const bad = texts.findIndex((t) => this.poison.has(t));
      if (bad >= 0) throw new Error(`fake failure at text ${bad}`);
      return texts.map(FakeEmbedder.vectorOf);
    } finally {
      this.running--;
    }
  }

  /** Releases the oldest held call (manual mode). */
  releaseNext(): void {
    const call = this.held.shift();
    if (call === undefined) throw new Error('no held call to release');
    call.release();
  }

  /** Batch sizes of every call so far. */
  batchSizes(): number[] {
    return this.calls.map((c) => c.length);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Lets pending promise callbacks run (a few turns of the microtask queue; works under fake timers). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initTfBackend } from './tfBackend';

describe('initTfBackend', () => {
  it('starts wasm from the installed package binaries and returns the same info on a second call', async () => {
    const info = await initTfBackend();
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(typeof info.simd).toBe('boolean');
    expect(await initTfBackend()).toBe(info);
    // The backend computes: erf is one of the kernels the model needs.
    expect(tf.tidy(() => tf.erf(tf.scalar(1)).dataSync()[0])).toBeCloseTo(0.8427008, 6);
  });

  it('switches to cpu and back to the very same wasm set-up', async () => {
    const wasm = await initTfBackend();
    const cpu = await initTfBackend({ backend: 'cpu' });
    expect(cpu).toMatchObject({ backend: 'cpu', threads: 1, simd: false });
    expect(tf.getBackend()).toBe('cpu');
    expect(await initTfBackend()).toBe(wasm);
    expect(tf.getBackend()).toBe('wasm');
  });

  it("'tensorflow' uses the native binding when installed, else falls back to wasm and says why", async () => {
    const info = await initTfBackend({ backend: 'tensorflow' });
    if (info.backend === 'tensorflow') {
      expect(info.warnings).toEqual([]);
    } else {
      expect(info.backend).toBe('wasm');
      expect(info.warnings.join(' ')).toMatch(/@tensorflow\/tfjs-node.*using wasm/);
    }
    await initTfBackend();
  });
});

import { describe, expect, it } from 'vitest';
import { readRows, WasmMemoryPlan, writePowTables, writeRows } from './wasmSgdMemory';
import { POW_MANTISSA_OFFSET, POW_OCTAVE_OFFSET, POW_TABLE_BYTES } from './wasmSgdModule';

describe('the WebAssembly kernel memory', () => {
  it('hands out 16-byte aligned regions after the power tables, and sizes the memory in whole pages', () => {
    const plan = new WasmMemoryPlan();
    const edges = plan.takeEdges(3);
    expect(edges.edgeHead).toBe(POW_TABLE_BYTES);
    expect(edges.edgeTail).toBe(POW_TABLE_BYTES + 16);
    expect(edges.epochsPerSample).toBe(POW_TABLE_BYTES + 32);
    expect(edges.nextNegative % 16).toBe(0);
    const rows = plan.take(100_000);
    expect(rows % 16).toBe(0);
    expect(plan.pages).toBe(Math.ceil(plan.bytes / 65536));
    expect(plan.fits).toBe(true);
    expect(plan.allocate(false).buffer.byteLength).toBe(plan.pages * 65536);
  });

  it('stores rows padded to whole f32x4 vectors with zero lanes, and reads them back unchanged', () => {
    for (const dims of [2, 4, 5, 10]) {
      const rows = Float32Array.from({ length: 7 * dims }, (_, i) => i + 0.5);
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
      writeRows(memory.buffer, 64, rows, dims);
      const width = Math.ceil(dims / 4) * 4;
      const stored = new Float32Array(memory.buffer, 64, 7 * width);
      for (let i = 0; i < 7; i++)
        for (let d = 0; d < width; d++) expect(stored[i * width + d]).toBe(d < dims ? rows[i * dims + d] : 0);
      const back = new Float32Array(rows.length);
      readRows(memory.buffer, 64, back, dims);
      expect(Array.from(back)).toEqual(Array.from(rows));
    }
  });

  it("writes FastPow's tables: exponent factors and mantissa bins of x^b", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
    writePowTables(memory.buffer, 1.5);
    const octave = new Float64Array(memory.buffer, POW_OCTAVE_OFFSET, 256);
    const mantissa = new Float64Array(memory.buffer, POW_MANTISSA_OFFSET, 257);
    expect(octave[127]).toBe(1);
    expect(octave[128]).toBeCloseTo(Math.pow(2, 1.5), 12);
    expect(octave[255]).toBe(Infinity);
    expect(mantissa[0]).toBe(1);
    expect(mantissa[256]).toBeCloseTo(Math.pow(2, 1.5), 12);
  });
});

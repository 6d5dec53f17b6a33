import { describe, expect, it } from 'vitest';
import { virtualWindow } from './toolsVirtualList';

describe('virtualWindow', () => {
  it('draws only the visible rows of a 10k list plus the overscan', () => {
    const w = virtualWindow(10_000, 28, 2800, 400, 5);
    expect(w).toEqual({ start: 95, end: 120, offset: 95 * 28, total: 280_000 });
    expect(w.end - w.start).toBeLessThan(30);
  });

  it('starts at the top and stops at the last row', () => {
    expect(virtualWindow(100, 20, 0, 200, 3)).toMatchObject({ start: 0, end: 13 });
    expect(virtualWindow(100, 20, 1_000_000, 200, 3)).toMatchObject({ start: 87, end: 100 });
  });

  it('draws every row of a list shorter than its viewport', () => {
    expect(virtualWindow(4, 20, 0, 500)).toMatchObject({ start: 0, end: 4, total: 80 });
  });

  it('draws nothing for an empty list', () => {
    expect(virtualWindow(0, 20, 100, 500)).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
  });
});

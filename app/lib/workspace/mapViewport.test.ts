import { describe, expect, it } from 'vitest';
import { fitViewport, MAX_ZOOM, panBy, screenToData, zoomAt } from './mapViewport';

describe('map viewport', () => {
  const bounds = { minX: -5, maxX: 5, minY: 0, maxY: 20 };

  it('fits the points inside the area, centred, with the padding kept', () => {
    const view = fitViewport(bounds, 400, 200, 10);
    // The taller side binds: 20 data units into 180 px.
    expect(view.scale).toBeCloseTo(9);
    expect(screenToData(view, 200, 100)).toEqual([0, 10]);
    const [, top] = screenToData(view, 0, 10);
    expect(top).toBeCloseTo(0);
  });

  it('zooms towards the pointer: the data point under it stays under it', () => {
    const view = fitViewport(bounds, 400, 200);
    const before = screenToData(view, 300, 50);
    const zoomed = zoomAt(view, 300, 50, 2.5, view.scale);
    expect(zoomed.scale).toBeCloseTo(view.scale * 2.5);
    const after = screenToData(zoomed, 300, 50);
    expect(after[0]).toBeCloseTo(before[0]);
    expect(after[1]).toBeCloseTo(before[1]);
  });

  it('caps the zoom and pans by the drag distance', () => {
    const view = fitViewport(bounds, 400, 200);
    expect(zoomAt(view, 0, 0, 1e9, view.scale).scale).toBeCloseTo(view.scale * MAX_ZOOM);
    const moved = panBy(view, 15, -4);
    const [x0, y0] = screenToData(view, 100, 100);
    const [x1, y1] = screenToData(moved, 115, 96);
    expect(x1).toBeCloseTo(x0);
    expect(y1).toBeCloseTo(y0);
  });
});

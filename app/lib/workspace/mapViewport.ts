/**
 * The map's view: screen = data x scale + offset (the same scale on both axes, y pointing down as on the canvas).
 * Pure functions over a small value, so pan and zoom are testable without a canvas.
 */
export interface MapViewport {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** Zoom limits relative to the fitted view. */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 400;

/**
 * The view showing the whole box centred in a `width` x `height` area with `padding` pixels around.
 * @example fitViewport({ minX: 0, maxX: 10, minY: 0, maxY: 10 }, 120, 120, 10) // { scale: 10, offsetX: 10, offsetY: 10 }
 */
export function fitViewport(
  bounds: { minX: number; maxX: number; minY: number; maxY: number },
  width: number,
  height: number,
  padding = 12,
): MapViewport {
  const w = Math.max(bounds.maxX - bounds.minX, 1e-9);
  const h = Math.max(bounds.maxY - bounds.minY, 1e-9);
  const scale = Math.max(1e-9, Math.min((width - 2 * padding) / w, (height - 2 * padding) / h));
  return {
    scale,
    offsetX: width / 2 - ((bounds.minX + bounds.maxX) / 2) * scale,
    offsetY: height / 2 - ((bounds.minY + bounds.maxY) / 2) * scale,
  };
}

/** Data coordinates under a screen point. */
export function screenToData(view: MapViewport, sx: number, sy: number): [number, number] {
  return [(sx - view.offsetX) / view.scale, (sy - view.offsetY) / view.scale];
}

/**
 * Zooms by `factor` keeping the data point under (sx, sy) where it is (the wheel zooms towards the pointer); the
 * scale stays within [MIN_ZOOM, MAX_ZOOM] x `fitScale`.
 */
export function zoomAt(view: MapViewport, sx: number, sy: number, factor: number, fitScale: number): MapViewport {
  const scale = Math.min(fitScale * MAX_ZOOM, Math.max(fitScale * MIN_ZOOM, view.scale * factor));
  const k = scale / view.scale;
  return { scale, offsetX: sx - (sx - view.offsetX) * k, offsetY: sy - (sy - view.offsetY) * k };
}

/** Moves the view by a pointer drag of (dx, dy) screen pixels. */
export function panBy(view: MapViewport, dx: number, dy: number): MapViewport {
  return { scale: view.scale, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy };
}

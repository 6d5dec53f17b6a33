import type { MapPoints } from '../../lib/workspace/mapPoints';
import { MAP_BACKGROUND, parseHex, type PointStyles } from '../../lib/workspace/mapColours';
import type { MapViewport } from '../../lib/workspace/mapViewport';

/**
 * Draws the map's points into a canvas by writing pixels (one ImageData per frame): with software rendering (headless
 * Chromium, machines without a GPU) this is the cheapest way to put 100k points on screen, far cheaper than a path or
 * a fillRect per point. Keeps its pixel buffer between frames.
 */
export class MapRenderer {
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;
  private readonly background: number;
  /** Frames drawn so far (tests read it to know redraws happen). */
  frames = 0;

  constructor(private readonly context: CanvasRenderingContext2D) {
    const [r, g, b] = parseHex(MAP_BACKGROUND);
    this.background = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }

  /**
   * One frame.
   * @param view in CSS pixels; `dpr` scales it to the canvas' device pixels
   * @param hovered a point to mark (-1: none)
   */
  draw(points: MapPoints, styles: PointStyles, order: Int32Array, view: MapViewport, dpr: number, hovered: number) {
    const { canvas } = this.context;
    const width = canvas.width;
    const height = canvas.height;
    if (width === 0 || height === 0) return;
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.image = this.context.createImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    const pixels = this.pixels!;
    pixels.fill(this.background);
    const scale = view.scale * dpr;
    const ox = view.offsetX * dpr;
    const oy = view.offsetY * dpr;
    // Points grow a little as one zooms in (a zoomed-in cluster should not look sparse), up to 5 CSS pixels; a small map
    // draws bigger points from the start.
    const base = points.count < 20_000 ? 3 : 2;
    const grown = base + Math.log2(Math.max(1, view.scale / this.fitScale)) / 2;
    const size = Math.max(1, Math.round(dpr * Math.min(5, grown)));
    const half = size >> 1;
    const { x, y } = points;
    const colour = styles.colour;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const px = ((x[i]! * scale + ox) | 0) - half;
      const py = ((y[i]! * scale + oy) | 0) - half;
      if (px < 0 || py < 0 || px + size > width || py + size > height) continue;
      const c = colour[i]!;
      let row = py * width + px;
      for (let dy = 0; dy < size; dy++, row += width) for (let dx = 0; dx < size; dx++) pixels[row + dx] = c;
    }
    this.context.putImageData(this.image, 0, 0);
    if (hovered >= 0) {
      const cx = x[hovered]! * scale + ox;
      const cy = y[hovered]! * scale + oy;
      this.context.strokeStyle = '#ffffff';
      this.context.lineWidth = 1.5 * dpr;
      this.context.beginPath();
      this.context.arc(cx, cy, 5 * dpr, 0, Math.PI * 2);
      this.context.stroke();
    }
    this.frames++;
  }

  /** The scale of the fitted view (point size grows relative to it). */
  fitScale = 1;
}

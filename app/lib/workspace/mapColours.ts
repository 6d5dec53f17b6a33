import { topicColour } from '../topicPalette';
import type { WorkspaceSelection } from './WorkspaceView';

/** Noise points: a grey that reads on the dark panel without drawing the eye. */
export const NOISE_CSS = '#5d6376';
/** The map's background; dimmed colours are blended towards it (the canvas writes opaque pixels). */
export const MAP_BACKGROUND = '#12141c';

/** `#rrggbb` as [r, g, b]. */
export function parseHex(css: string): [number, number, number] {
  const v = Number.parseInt(css.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** An opaque RGBA pixel as a little-endian Uint32 (the byte order of ImageData on every browser we target). */
function pixel([r, g, b]: readonly number[]): number {
  return ((255 << 24) | (b! << 16) | (g! << 8) | r!) >>> 0;
}

function blend(rgb: readonly number[], background: readonly number[], amount: number): number[] {
  return rgb.map((c, i) => Math.round(c * amount + background[i]! * (1 - amount)));
}

/** How strongly a point shows, from the selection. */
export const PointLayer = {
  /** Outside the brushed range: barely there. */
  Faded: 0,
  /** Another topic than the selected one. */
  Dimmed: 1,
  Normal: 2,
  /** The selected topic: drawn last, on top. */
  Selected: 3,
} as const;
/** Number of layers (the canvas draws layer 0 first). */
export const POINT_LAYERS = 4;

/** Each point's pixel colour and layer (the canvas draws layer by layer, so selected points end on top). */
export interface PointStyles {
  colour: Uint32Array;
  layer: Uint8Array;
}

/**
 * The colour of each map point for a selection: its topic's palette colour (noise grey); points of other topics
 * than the selected one dimmed, points outside the brushed range faded further.
 * @param topic fine topic per point (-1: noise)
 * @param elapsed elapsed seconds per point
 */
export function pointStyles(topic: Int32Array, elapsed: Float32Array, selection: WorkspaceSelection): PointStyles {
  const n = topic.length;
  const background = parseHex(MAP_BACKGROUND);
  const bright = new Map<number, number>();
  const dim = new Map<number, number>();
  const faint = new Map<number, number>();
  const rgbOf = (t: number) => parseHex(t < 0 ? NOISE_CSS : topicColour(t).css);
  const cached = (cache: Map<number, number>, t: number, amount: number) => {
    let c = cache.get(t);
    if (c === undefined) cache.set(t, (c = pixel(blend(rgbOf(t), background, amount))));
    return c;
  };
  const colour = new Uint32Array(n);
  const layer = new Uint8Array(n);
  const range = selection.range;
  const selected = selection.topic;
  for (let i = 0; i < n; i++) {
    const t = topic[i]!;
    const e = elapsed[i]!;
    if (range !== null && (e < range[0] || e > range[1])) {
      layer[i] = PointLayer.Faded;
      colour[i] = cached(faint, t, 0.18);
    } else if (selected !== null && t !== selected) {
      layer[i] = PointLayer.Dimmed;
      colour[i] = cached(dim, t, 0.3);
    } else {
      layer[i] = selected !== null ? PointLayer.Selected : PointLayer.Normal;
      colour[i] = cached(bright, t, t < 0 ? 0.75 : 1);
    }
  }
  return { colour, layer };
}

/** Point indices in drawing order: faded first, the selected topic last (on top). A counting sort, O(n). */
export function drawOrder(layer: Uint8Array): Int32Array {
  const starts = new Int32Array(POINT_LAYERS + 1);
  for (let i = 0; i < layer.length; i++) starts[layer[i]! + 1]!++;
  for (let l = 1; l <= POINT_LAYERS; l++) starts[l]! += starts[l - 1]!;
  const order = new Int32Array(layer.length);
  for (let i = 0; i < layer.length; i++) order[starts[layer[i]!]!++] = i;
  return order;
}

/**
 * Charts of the page as files. A chart is any element marked `data-export-chart="<name>"`; its SVG and canvas
 * layers (a map canvas under an SVG overlay, say) are stacked as they sit on screen. Browser only.
 */

/** Style properties copied onto each SVG element: a saved SVG has no stylesheet, so it must carry its own. */
const INLINE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A chart found on the page. */
export interface PageChart {
  name: string;
  element: HTMLElement;
}

/** Every chart marked on the page, in document order (a name seen twice gets `-2`, `-3`, …). */
export function findCharts(root: ParentNode = document): PageChart[] {
  const seen = new Map<string, number>();
  return [...root.querySelectorAll<HTMLElement>('[data-export-chart]')].map((element) => {
    const base = element.dataset.exportChart || 'chart';
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return { name: k === 1 ? base : `${base}-${k}`, element };
  });
}

interface Layer {
  element: SVGSVGElement | HTMLCanvasElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The chart's visible SVG and canvas layers, placed relative to their union; SVGs nested in SVGs belong to them. */
function layersOf(chart: HTMLElement): { layers: Layer[]; width: number; height: number } {
  const candidates = [
    ...(chart instanceof SVGSVGElement || chart instanceof HTMLCanvasElement ? [chart] : []),
    ...chart.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg, canvas'),
  ].filter((el) => !(el instanceof SVGSVGElement && el.parentElement?.closest('svg')));
  const boxes = candidates
    .map((element) => ({ element, box: element.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0);
  if (boxes.length === 0) return { layers: [], width: 0, height: 0 };
  const left = Math.min(...boxes.map((b) => b.box.left));
  const top = Math.min(...boxes.map((b) => b.box.top));
  const right = Math.max(...boxes.map((b) => b.box.right));
  const bottom = Math.max(...boxes.map((b) => b.box.bottom));
  return {
    layers: boxes.map(({ element, box }) => ({
      element,
      x: box.left - left,
      y: box.top - top,
      width: box.width,
      height: box.height,
    })),
    width: Math.ceil(right - left),
    height: Math.ceil(bottom - top),
  };
}

/** The colour the chart is drawn on: the first ancestor with a background (charts are transparent on our panels). */
function backgroundOf(element: Element): string {
  for (let el: Element | null = element; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/** A copy of an SVG with every element's computed style written inline. */
function inlinedClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const copy = copies[i] as SVGElement | undefined;
    if (!copy) return;
    const computed = getComputedStyle(original);
    const style = INLINE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    copy.setAttribute('style', style);
    copy.removeAttribute('class');
  });
  return clone;
}

/**
 * The chart as a standalone SVG document: its background, each canvas layer as an embedded PNG image, each SVG
 * layer with inline styles. Chat text in the chart stays text: it is serialised by the XML serializer, which
 * escapes it.
 */
export function chartSvg(chart: HTMLElement): string {
  const { layers, width, height } = layersOf(chart);
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', backgroundOf(chart));
  root.appendChild(bg);
  for (const layer of layers) {
    let node: Element;
    if (layer.element instanceof HTMLCanvasElement) {
      node = doc.createElementNS(SVG_NS, 'image');
      node.setAttribute('href', layer.element.toDataURL('image/png'));
    } else {
      node = doc.importNode(inlinedClone(layer.element), true);
    }
    node.setAttribute('x', String(layer.x));
    node.setAttribute('y', String(layer.y));
    node.setAttribute('width', String(layer.width));
    node.setAttribute('height', String(layer.height));
    root.appendChild(node);
  }
  return new XMLSerializer().serializeToString(doc);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = url;
  });
}

/**
 * The chart as a PNG at twice its screen size: canvases drawn as they are, SVG layers drawn from their inline-styled
 * copies, on the chart's background.
 */
export async function chartPng(chart: HTMLElement, scale = 2): Promise<Blob> {
  const { layers, width, height } = layersOf(chart);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw a canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = backgroundOf(chart);
  ctx.fillRect(0, 0, width, height);
  for (const layer of layers) {
    if (layer.element instanceof HTMLCanvasElement) {
      ctx.drawImage(layer.element, layer.x, layer.y, layer.width, layer.height);
      continue;
    }
    const clone = inlinedClone(layer.element);
    clone.setAttribute('xmlns', SVG_NS);
    clone.setAttribute('width', String(layer.width));
    clone.setAttribute('height', String(layer.height));
    const url = URL.createObjectURL(
      new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml;charset=utf-8' }),
    );
    try {
      ctx.drawImage(await loadImage(url), layer.x, layer.y, layer.width, layer.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}

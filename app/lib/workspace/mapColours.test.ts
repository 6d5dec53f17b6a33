import { describe, expect, it } from 'vitest';
import { topicColour } from '../topicPalette';
import { drawOrder, parseHex, PointLayer, pointStyles } from './mapColours';

/** A Uint32 pixel back to [r, g, b]. */
const rgb = (p: number) => [p & 255, (p >> 8) & 255, (p >> 16) & 255];

describe('map point styles', () => {
  const topic = Int32Array.of(0, 1, -1, 1);
  const elapsed = Float32Array.of(10, 20, 30, 400);

  it('colours each point by its topic, opaque, with no selection', () => {
    const { colour, layer } = pointStyles(topic, elapsed, { topic: null, range: null });
    expect(rgb(colour[0]!)).toEqual(parseHex(topicColour(0).css));
    expect(rgb(colour[1]!)).toEqual(parseHex(topicColour(1).css));
    expect(colour[0]! >>> 24).toBe(255);
    expect([...layer]).toEqual([PointLayer.Normal, PointLayer.Normal, PointLayer.Normal, PointLayer.Normal]);
  });

  it('dims other topics than the selected one and fades points outside the range', () => {
    const { colour, layer } = pointStyles(topic, elapsed, { topic: 1, range: [0, 100] });
    expect([...layer]).toEqual([PointLayer.Dimmed, PointLayer.Selected, PointLayer.Dimmed, PointLayer.Faded]);
    expect(rgb(colour[1]!)).toEqual(parseHex(topicColour(1).css));
    // Dimmed and faded colours are darker than the topic's own (blended towards the dark background).
    const sum = (p: number) => rgb(p).reduce((a, b) => a + b, 0);
    expect(sum(colour[0]!)).toBeLessThan(sum(parseHex(topicColour(0).css).reduce((p, c, i) => p | (c << (8 * i)), 0)));
    expect(sum(colour[3]!)).toBeLessThan(sum(colour[1]!));
  });
});

describe('drawOrder', () => {
  it('puts faded points first and selected points last, keeping the order within a layer', () => {
    const layer = Uint8Array.of(PointLayer.Selected, PointLayer.Faded, PointLayer.Normal, PointLayer.Faded);
    expect([...drawOrder(layer)]).toEqual([1, 3, 2, 0]);
  });
});

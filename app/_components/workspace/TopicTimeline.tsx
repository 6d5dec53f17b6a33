'use client';

import { useEffect, useMemo, useRef } from 'react';
import {
  area,
  axisBottom,
  brushX,
  type BrushBehavior,
  curveMonotoneX,
  scaleLinear,
  select,
  stack,
  type D3BrushEvent,
} from 'd3';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { topicColour } from '../../lib/topicPalette';
import { OTHER, stackTimeline } from '../../lib/workspace/timelineStack';
import { shortLabel } from '../../lib/workspace/topicsInRange';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { useElementWidth } from '../../lib/useElementWidth';

const STACK_HEIGHT = 96;
const RATE_HEIGHT = 40;
const GAP = 8;
const AXIS = 20;
// Room for the first and last tick labels (`0:00:00`) to be drawn whole.
const MARGIN = { left: 24, right: 24, top: 4 };
const HEIGHT = MARGIN.top + STACK_HEIGHT + GAP + RATE_HEIGHT + AXIS;
/** The "other topics" layer: a quiet grey under the palette colours. */
const OTHER_CSS = '#343a4d';
const LAYERS = 10;

/**
 * Topics over time: the ~10 largest topics of the brushed range as a stacked area (the rest as "other") above the
 * clustered message rate with the highlights shaded. Dragging over it brushes a time range (`onSelect({ range })`);
 * a click or double-click clears it. Drawn with d3 into one <svg>; every label goes through `.text()`.
 */
export function TopicTimeline({ analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t, number } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrapRef, 800, 240);
  const stacked = useMemo(() => stackTimeline(analysis.timeline, selection.range, LAYERS), [analysis, selection.range]);
  const topicsById = useMemo(() => new Map(analysis.topics.map((topic) => [topic.id, topic])), [analysis]);
  const layerName = (key: number | typeof OTHER) => {
    const topic = key === OTHER ? undefined : topicsById.get(key);
    return topic ? shortLabel(topic) : t('ws.timeline.other');
  };
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const duration = Math.max(1, stacked.bins * stacked.binSeconds);
  const innerW = width - MARGIN.left - MARGIN.right;

  // The areas and axes.
  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = select(svgEl);
    const x = scaleLinear().domain([0, duration]).range([0, innerW]);
    const mid = (b: number) => x((b + 0.5) * stacked.binSeconds);
    const bins = Array.from({ length: stacked.bins }, (_, b) => b);
    const series = stack<number, number>()
      .keys(stacked.layers.map((_, i) => i))
      .value((b, i) => stacked.layers[i]!.counts[b] ?? 0)(bins);
    const top = Math.max(1, ...series.flatMap((s) => s.map((p) => p[1])));
    const y = scaleLinear().domain([0, top]).range([STACK_HEIGHT, 0]);
    const root = svg
      .selectAll<SVGGElement, null>('g.plot')
      .data([null])
      .join('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const stackArea = area<[number, number] & { data: number }>()
      .x((p) => mid(p.data))
      .y0((p) => y(p[0]))
      .y1((p) => y(p[1]))
      .curve(curveMonotoneX);
    root
      .selectAll<SVGPathElement, (typeof series)[number]>('path.ws-layer')
      .data(series)
      .join('path')
      .attr('class', 'ws-layer')
      .attr('data-testid', 'ws-timeline-layer')
      .attr('data-key', (s) => String(stacked.layers[s.key]!.key))
      .attr('fill', (s) => {
        const key = stacked.layers[s.key]!.key;
        return key === OTHER ? OTHER_CSS : topicColour(key).css;
      })
      .attr('opacity', (s) => {
        const key = stacked.layers[s.key]!.key;
        return selection.topic === null || key === selection.topic ? 0.92 : 0.35;
      })
      .attr('d', (s) => stackArea(s as never) ?? '')
      .selectAll('title')
      .data((s) => [s])
      .join('title')
      .text((s) => layerName(stacked.layers[s.key]!.key));

    // The rate under the stack, with the highlights (bursts) shaded.
    const rateTop = STACK_HEIGHT + GAP;
    const perMinute = stacked.totals.map((c) => (c * 60) / stacked.binSeconds);
    const yr = scaleLinear()
      .domain([0, Math.max(1, ...perMinute)])
      .range([rateTop + RATE_HEIGHT, rateTop]);
    root
      .selectAll<SVGRectElement, NonNullable<typeof analysis.highlights>[number]>('rect.ws-highlight')
      .data(analysis.highlights ?? [])
      .join('rect')
      .attr('class', 'ws-highlight')
      .attr('x', (h) => x(h.startElapsed))
      .attr('width', (h) => Math.max(1, x(h.endElapsed) - x(h.startElapsed)))
      .attr('y', rateTop)
      .attr('height', RATE_HEIGHT);
    root
      .selectAll<SVGPathElement, null>('path.ws-rate')
      .data([null])
      .join('path')
      .attr('class', 'ws-rate')
      .attr('data-testid', 'ws-rate')
      .attr(
        'd',
        area<number>()
          .x((_, b) => mid(b))
          .y0(rateTop + RATE_HEIGHT)
          .y1((v) => yr(v))
          .curve(curveMonotoneX)(perMinute) ?? '',
      );
    root
      .selectAll<SVGTextElement, null>('text.ws-rate-label')
      .data([null])
      .join('text')
      .attr('class', 'ws-rate-label')
      .attr('x', 4)
      .attr('y', rateTop + 11)
      .text(`${t('ws.timeline.rate')} (max ${number(Math.round(Math.max(0, ...perMinute)))})`);
    root
      .selectAll<SVGGElement, null>('g.x-axis')
      .data([null])
      .join('g')
      .attr('class', 'axis x-axis')
      .attr('transform', `translate(0,${rateTop + RATE_HEIGHT})`)
      .call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(innerW / 90)))
          .tickFormat((d) => formatClock(Number(d))),
      );
    // layerName reads topicsById and t, both in the dependencies.
  }, [stacked, innerW, duration, selection.topic, analysis, topicsById, t, number]);

  // The brush: created once per size; follows the selection when another view sets the range.
  const brushRef = useRef<BrushBehavior<null> | null>(null);
  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const x = scaleLinear().domain([0, duration]).range([0, innerW]);
    const brush = brushX<null>()
      .extent([
        [0, 0],
        [innerW, STACK_HEIGHT + GAP + RATE_HEIGHT],
      ])
      .on('end', (event: D3BrushEvent<null>) => {
        if (!event.sourceEvent) return;
        const s = event.selection as [number, number] | null;
        onSelectRef.current({
          range: s === null ? null : [Math.max(0, x.invert(s[0])), Math.min(duration, x.invert(s[1]))],
        });
      });
    brushRef.current = brush;
    const g = select(svgEl)
      .selectAll<SVGGElement, null>('g.ws-brush')
      .data([null])
      .join('g')
      .attr('class', 'ws-brush')
      .attr('data-testid', 'ws-timeline-brush')
      .attr('transform', `translate(${MARGIN.left},${MARGIN.top})`)
      .call(brush);
    g.on('dblclick', () => {
      g.call(brush.move, null);
      onSelectRef.current({ range: null });
    });
  }, [innerW, duration]);

  useEffect(() => {
    const svgEl = svgRef.current;
    const brush = brushRef.current;
    if (!svgEl || !brush) return;
    const x = scaleLinear().domain([0, duration]).range([0, innerW]);
    const g = select(svgEl).selectAll<SVGGElement, null>('g.ws-brush');
    const range = selection.range;
    g.call(brush.move, range === null ? null : [x(range[0]), x(range[1])]);
  }, [selection.range, innerW, duration]);

  return (
    <section className="panel ws-timeline" data-testid="ws-timeline">
      <div className="ws-panel-head">
        <h2>{t('ws.timeline.title')}</h2>
        {selection.range ? (
          <>
            <span className="small" data-testid="ws-range">
              {t('ws.timeline.range', { from: formatClock(selection.range[0]), to: formatClock(selection.range[1]) })}
            </span>
            <button
              type="button"
              className="small-button"
              data-testid="ws-range-clear"
              onClick={() => onSelect({ range: null })}
            >
              {t('ws.timeline.clear')}
            </button>
          </>
        ) : (
          <span className="muted small ws-help">{t('ws.timeline.help')}</span>
        )}
      </div>
      <div ref={wrapRef} className="ws-timeline-wrap" data-export-chart="timeline">
        <svg
          ref={svgRef}
          data-testid="ws-timeline-chart"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-label={t('ws.timeline.aria')}
        />
      </div>
      <ul className="ws-legend" aria-hidden="true">
        {stacked.layers.map((layer) => (
          <li key={String(layer.key)}>
            <span
              className="swatch"
              style={{ background: layer.key === OTHER ? OTHER_CSS : topicColour(layer.key).css }}
            />
            {layerName(layer.key)}
          </li>
        ))}
      </ul>
    </section>
  );
}

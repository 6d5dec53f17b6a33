'use client';

import { useEffect, useMemo, useRef } from 'react';
import { axisBottom, axisLeft, line, max, scaleLinear, select } from 'd3';
import { useElementWidth } from '../lib/useElementWidth';
import type { RateSnapshot } from '../../contracts/socket-events';
import { formatClock } from '../lib/format';
import { useI18n } from '../lib/i18n/I18nProvider';
import { computeRateSeries, DEFAULT_RATE_OPTIONS, type RateSample } from '../lib/rate';

const HEIGHT = 240;
const MARGIN = { top: 14, right: 16, bottom: 28, left: 48 };

/**
 * Messages per minute over the server's rate window (stream time): 15 s and 60 s rolling averages as two lines,
 * bursts (15 s average > 2 × the 60 s average and at least 30 msg/min) shaded with a marker at their peak.
 * Drawn with d3 into an <svg>; labels use `.text()` only.
 */
export function RateChart({ snapshot }: { snapshot: RateSnapshot | null }) {
  const { t, number } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrapRef, 800);
  const series = useMemo(() => computeRateSeries(snapshot?.points ?? []), [snapshot]);

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = select(svgEl);
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const samples = series.samples;
    const clock = snapshot?.clock ?? 0;
    const tEnd = Math.max(clock, samples.length > 0 ? samples[samples.length - 1]!.t : 0, 1);
    const tStart = samples.length > 0 ? Math.min(samples[0]!.t, tEnd - 1) : Math.max(0, tEnd - 60);
    const yMax = Math.max(10, (max(samples, (s) => Math.max(s.short, s.long)) ?? 0) * 1.15);

    const x = scaleLinear().domain([tStart, tEnd]).range([0, innerW]);
    const y = scaleLinear().domain([0, yMax]).range([innerH, 0]).nice();

    const root = svg
      .selectAll<SVGGElement, null>('g.plot')
      .data([null])
      .join('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);

    // Burst shading first (under the lines).
    root
      .selectAll<SVGRectElement, (typeof series.bursts)[number]>('rect.burst')
      .data(series.bursts)
      .join('rect')
      .attr('class', 'burst')
      .attr('data-testid', 'burst-area')
      .attr('x', (b) => x(b.start))
      .attr('width', (b) => Math.max(1, x(b.end) - x(b.start)))
      .attr('y', 0)
      .attr('height', innerH);

    root
      .selectAll<SVGGElement, null>('g.x-axis')
      .data([null])
      .join('g')
      .attr('class', 'axis x-axis')
      .attr('transform', `translate(0,${innerH})`)
      .call(
        axisBottom(x)
          // Whole seconds only: a short window would otherwise repeat labels.
          .tickValues(x.ticks(Math.max(2, Math.floor(innerW / 90))).filter((t) => Number.isInteger(t)))
          .tickFormat((d) => formatClock(Number(d))),
      );
    root
      .selectAll<SVGGElement, null>('g.y-axis')
      .data([null])
      .join('g')
      .attr('class', 'axis y-axis')
      .call(
        axisLeft(y)
          .ticks(5)
          .tickFormat((d) => number(Number(d))),
      );
    root
      .selectAll<SVGTextElement, null>('text.y-label')
      .data([null])
      .join('text')
      .attr('class', 'y-label')
      .attr('x', 4)
      .attr('y', 4)
      .text(t('rate.unit'));

    const drawLine = (accessor: (s: RateSample) => number) =>
      line<RateSample>()
        .x((s) => x(s.t))
        .y((s) => y(accessor(s)))(samples) ?? '';

    root
      .selectAll<SVGPathElement, null>('path.rate-long')
      .data([null])
      .join('path')
      .attr('class', 'rate-long')
      .attr('data-testid', 'rate-path-long')
      .attr(
        'd',
        drawLine((s) => s.long),
      );
    root
      .selectAll<SVGPathElement, null>('path.rate-short')
      .data([null])
      .join('path')
      .attr('class', 'rate-short')
      .attr('data-testid', 'rate-path')
      .attr(
        'd',
        drawLine((s) => s.short),
      );

    root
      .selectAll<SVGCircleElement, (typeof series.bursts)[number]>('circle.burst-marker')
      .data(series.bursts)
      .join('circle')
      .attr('class', 'burst-marker')
      .attr('data-testid', 'burst-marker')
      .attr('cx', (b) => x(b.peakT))
      .attr('cy', (b) => y(b.peak))
      .attr('r', 4)
      .selectAll('title')
      .data((b) => [b])
      .join('title')
      .text((b) => t('rate.burst', { from: formatClock(b.start), to: formatClock(b.end), peak: Math.round(b.peak) }));
  }, [series, snapshot, width, t, number]);

  const last = series.samples[series.samples.length - 1];
  return (
    <section className="panel chart-panel">
      <div className="chart-head">
        <h2>{t('rate.title')}</h2>
        <div className="legend">
          <span className="legend-short">{t('rate.short', { value: last ? Math.round(last.short) : 0 })}</span>
          <span className="legend-long">{t('rate.long', { value: last ? Math.round(last.long) : 0 })}</span>
          <span className="legend-burst" title={t('rate.burstsTitle', { factor: DEFAULT_RATE_OPTIONS.burstFactor })}>
            {t('rate.bursts', { count: series.bursts.length })}
          </span>
        </div>
      </div>
      <div ref={wrapRef} className="chart-wrap">
        <svg
          ref={svgRef}
          data-testid="rate-chart"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-label={t('rate.chart')}
        />
      </div>
    </section>
  );
}

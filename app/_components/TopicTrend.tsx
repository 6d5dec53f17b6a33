'use client';

import { useEffect, useRef } from 'react';
import { area, line, max, scaleLinear, select } from 'd3';
import { useI18n } from '../lib/i18n/I18nProvider';

const WIDTH = 132;
const HEIGHT = 30;
const PAD = 2;

/**
 * A topic's recent activity as a tiny d3 sparkline: messages per bin, oldest first, as an area with a line on top.
 * Drawn into an <svg> with `.attr()` only (no `.html()`); the numbers are in the text alternative.
 */
export function TopicTrend({
  trend,
  binSeconds,
  colour,
}: {
  trend: readonly number[];
  binSeconds: number;
  colour: string;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const { t, duration, number } = useI18n();

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    // One bin has no width to draw: repeat it so the line still spans the box.
    const values = trend.length === 1 ? [trend[0]!, trend[0]!] : [...trend];
    const x = scaleLinear()
      .domain([0, Math.max(1, values.length - 1)])
      .range([PAD, WIDTH - PAD]);
    const y = scaleLinear()
      .domain([0, Math.max(1, max(values) ?? 0)])
      .range([HEIGHT - PAD, PAD]);
    const svg = select(svgEl);
    svg
      .selectAll<SVGPathElement, null>('path.topic-trend-area')
      .data([null])
      .join('path')
      .attr('class', 'topic-trend-area')
      .attr('fill', colour)
      .attr(
        'd',
        area<number>()
          .x((_, i) => x(i))
          .y0(HEIGHT - PAD)
          .y1((v) => y(v))(values) ?? '',
      );
    svg
      .selectAll<SVGPathElement, null>('path.topic-trend-line')
      .data([null])
      .join('path')
      .attr('class', 'topic-trend-line')
      .attr('data-testid', 'topic-trend-line')
      .attr('stroke', colour)
      .attr(
        'd',
        line<number>()
          .x((_, i) => x(i))
          .y((v) => y(v))(values) ?? '',
      );
  }, [trend, colour]);

  const total = trend.reduce((a, b) => a + b, 0);
  const description =
    trend.length === 0
      ? t('trend.none')
      : t('trend.description', {
          bin: duration(binSeconds),
          span: duration(trend.length * binSeconds),
          values: trend.map((v) => number(v)).join(' · '),
          total,
        });
  return (
    <svg
      ref={svgRef}
      className="topic-trend"
      data-testid="topic-trend"
      data-bins={trend.length}
      data-total={total}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={description}
    >
      <title>{description}</title>
    </svg>
  );
}

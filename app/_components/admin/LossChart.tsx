'use client';

import { useEffect, useMemo, useRef } from 'react';
import { axisBottom, axisLeft, extent, line, scaleLinear, scaleLog, select } from 'd3';
import { useElementWidth } from '../../lib/useElementWidth';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { TRAINING_STAGES, type LossPoint, type TrainingStage } from '../../../contracts/training';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 52 };

/**
 * A job's loss curves drawn with d3: one line per stage (their losses differ in scale, so the y axis spans all
 * of them), x = the stage's step. Labels are set with `.text()` only.
 */
export function LossChart({ points }: { points: LossPoint[] }) {
  const { t, number } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrapRef, 640);
  const series = useMemo(() => {
    const byStage = new Map<TrainingStage, LossPoint[]>();
    for (const p of points) {
      if (!Number.isFinite(p.loss)) continue;
      const list = byStage.get(p.stage) ?? [];
      list.push(p);
      byStage.set(p.stage, list);
    }
    return TRAINING_STAGES.filter((s) => byStage.has(s)).map((stage) => ({
      stage,
      points: byStage.get(stage)!.sort((a, b) => a.step - b.step),
    }));
  }, [points]);

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const all = series.flatMap((s) => s.points);
    const [xMin, xMax] = extent(all, (p) => p.step);
    const [yMin, yMax] = extent(all, (p) => p.loss);
    const x = scaleLinear()
      .domain([xMin ?? 0, Math.max(xMax ?? 1, (xMin ?? 0) + 1)])
      .range([0, innerW]);
    // Log scale when it can be: ELECTRA's pretraining loss (MLM + 50 x discriminator) is ten times the others'.
    const positive = yMin !== undefined && yMin > 0;
    const y = positive
      ? scaleLog()
          .domain([yMin * 0.9, Math.max(yMax ?? yMin, yMin * 1.1) * 1.1])
          .range([innerH, 0])
      : scaleLinear()
          .domain([Math.min(0, yMin ?? 0), Math.max(yMax ?? 1, 1e-6) * 1.05])
          .range([innerH, 0])
          .nice();

    const root = select(svgEl)
      .selectAll<SVGGElement, null>('g.plot')
      .data([null])
      .join('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    root
      .selectAll<SVGGElement, null>('g.x-axis')
      .data([null])
      .join('g')
      .attr('class', 'axis x-axis')
      .attr('transform', `translate(0,${innerH})`)
      .call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(innerW / 80)))
          .tickFormat((d) => number(Number(d))),
      );
    root
      .selectAll<SVGGElement, null>('g.y-axis')
      .data([null])
      .join('g')
      .attr('class', 'axis y-axis')
      .call(axisLeft(y).ticks(5, positive ? '~g' : undefined));
    root
      .selectAll<SVGTextElement, null>('text.y-label')
      .data([null])
      .join('text')
      .attr('class', 'y-label')
      .attr('x', 6)
      .attr('y', -2)
      .text(positive ? t('loss.axisLog') : t('loss.axis'));

    const draw = line<LossPoint>()
      .x((p) => x(p.step))
      .y((p) => y(p.loss));
    root
      .selectAll<SVGPathElement, (typeof series)[number]>('path.loss-line')
      .data(series, (s) => s.stage)
      .join('path')
      .attr('class', (s) => `loss-line loss-${s.stage}`)
      .attr('data-testid', (s) => `loss-path-${s.stage}`)
      .attr('data-points', (s) => s.points.length)
      .attr('d', (s) => draw(s.points) ?? '');
  }, [series, width, t, number]);

  return (
    <div className="loss-chart">
      <div className="legend">
        {series.map((s) => (
          <span key={s.stage} className={`legend-stage loss-${s.stage}`}>
            {t('loss.legend', {
              stage: s.stage,
              count: s.points.length,
              last: number(s.points[s.points.length - 1]!.loss, 3),
            })}
          </span>
        ))}
        {series.length === 0 ? <span className="muted small">{t('loss.none')}</span> : null}
      </div>
      <div ref={wrapRef} className="chart-wrap">
        <svg
          ref={svgRef}
          data-testid="loss-chart"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-label={t('loss.chart')}
        />
      </div>
    </div>
  );
}

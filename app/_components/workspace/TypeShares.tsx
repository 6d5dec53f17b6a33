'use client';

import { useMemo, useRef } from 'react';
import type { MessageType } from '../../../contracts/analysis';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { useElementWidth } from '../../lib/useElementWidth';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { overallShares, TYPE_COLOURS, typeShares } from '../../lib/workspace/toolsTypeShares';
import styles from './tools.module.css';

const HEIGHT = 150;
const MARGIN = { top: 6, right: 8, bottom: 20, left: 36 };
/** Narrowest column worth drawing, in pixels. */
const MIN_COLUMN_PX = 4;

/**
 * The share of each message type over time: one stacked column per time slice (100 % high, split by type), a
 * legend with each type's share of the stream, and the selected topic's type (the other types dimmed).
 */
export function TypeShares({ analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t, percent, tag } = useI18n();
  const axisPercent = useMemo(() => new Intl.NumberFormat(tag, { style: 'percent' }), [tag]);
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrapRef, 600, 240);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const shares = useMemo(
    () => typeShares(analysis, Math.max(1, Math.floor(innerW / MIN_COLUMN_PX))),
    [analysis, innerW],
  );
  const overall = useMemo(() => overallShares(shares), [shares]);
  const typeName = (type: MessageType) => t(`ws.tools.type.${type}`);
  const selected = selection.topic !== null ? (analysis.topics[selection.topic] ?? null) : null;
  const selectedType: MessageType | null = selected ? (selected.type ?? 'other') : null;

  const end = shares.bins.length > 0 ? shares.bins[shares.bins.length - 1]!.end : 1;
  const x = (elapsed: number) => MARGIN.left + (elapsed / end) * innerW;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * end);

  return (
    <section className="panel" data-testid="type-shares">
      <div className={styles.head}>
        <h2>{t('ws.tools.types.title')}</h2>
        {selected ? (
          <span className="small" data-testid="type-shares-selected" data-type={selectedType}>
            <span className={styles.swatch} style={{ background: TYPE_COLOURS[selectedType!] }} />{' '}
            {t('ws.tools.types.selected', { id: selected.id, type: typeName(selectedType!) })}
          </span>
        ) : null}
      </div>
      {!shares.typed ? (
        <p className="muted small" data-testid="type-shares-missing">
          {t('ws.tools.types.missing')}
        </p>
      ) : null}
      <div ref={wrapRef} className={styles.chart} data-export-chart="types">
        {shares.types.length === 0 ? (
          <p className="muted small">{t('ws.tools.types.none')}</p>
        ) : (
          <svg width={width} height={HEIGHT} role="img" aria-label={t('ws.tools.types.chart')}>
            {selection.range ? (
              <rect
                x={x(selection.range[0])}
                width={Math.max(1, x(selection.range[1]) - x(selection.range[0]))}
                y={MARGIN.top}
                height={innerH}
                fill="rgba(230, 232, 239, 0.12)"
              />
            ) : null}
            {shares.bins.map((bin) => {
              if (bin.total === 0) return null;
              let y = MARGIN.top + innerH;
              const w = Math.max(1, x(bin.end) - x(bin.start) - 0.5);
              return (
                <g
                  key={bin.start}
                  style={{ cursor: 'pointer' }}
                  onClick={() => onSelect({ range: [bin.start, bin.end] })}
                >
                  <title>{`${formatClock(bin.start)} – ${formatClock(bin.end)}`}</title>
                  {shares.types.map((type) => {
                    const h = (bin.counts[type] / bin.total) * innerH;
                    if (h <= 0) return null;
                    y -= h;
                    return (
                      <rect
                        key={type}
                        x={x(bin.start)}
                        y={y}
                        width={w}
                        height={h}
                        fill={TYPE_COLOURS[type]}
                        opacity={selectedType && selectedType !== type ? 0.3 : 1}
                      />
                    );
                  })}
                </g>
              );
            })}
            <g fontSize={10} fill="#8b91a5">
              {[0, 0.5, 1].map((f) => (
                <text key={f} x={MARGIN.left - 4} y={MARGIN.top + innerH - f * innerH + 3} textAnchor="end">
                  {axisPercent.format(f)}
                </text>
              ))}
              {ticks.map((tick, i) => (
                <text
                  key={tick}
                  x={x(tick)}
                  y={HEIGHT - 6}
                  textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
                >
                  {formatClock(tick)}
                </text>
              ))}
            </g>
          </svg>
        )}
      </div>
      <ul className={styles.legend} data-testid="type-shares-legend">
        {shares.types.map((type) => (
          <li key={type} data-type={type} className={selectedType && selectedType !== type ? styles.dim : undefined}>
            <span className={styles.swatch} style={{ background: TYPE_COLOURS[type] }} />
            {typeName(type)} <span className="muted mono">{percent(overall[type])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

'use client';

import { useMemo, useRef } from 'react';
import type { HierarchyMerge } from '../../../contracts/analysis';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { useElementWidth } from '../../lib/useElementWidth';
import { cutHeight, layoutDendrogram } from '../../lib/workspace/toolsHierarchyCut';
import styles from './tools.module.css';

const HEIGHT = 200;
const MARGIN = { top: 12, right: 8, bottom: 14, left: 8 };

/**
 * The topic tree as a dendrogram: leaves along the bottom, each merge drawn as an elbow at its distance. Merges kept
 * by the cut take their group's colour, the others stay grey; the dashed line marks the cut. Plain React SVG: a few
 * hundred topics make at most a few hundred paths.
 */
export function HierarchyDendrogram({
  n,
  merges,
  groups,
  colourOf,
  selected,
  onSelectTopic,
}: {
  n: number;
  merges: readonly HierarchyMerge[];
  groups: number;
  /** The colour of the group holding a node, or null for a merge above the cut. */
  colourOf: (node: number) => string | null;
  selected: number | null;
  onSelectTopic: (topic: number) => void;
}) {
  const { t } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrapRef, 600, 240);
  const layout = useMemo(() => layoutDendrogram(n, merges), [n, merges]);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = innerW / Math.max(1, layout.order.length);
  const px = (node: number) => MARGIN.left + (layout.x.get(node)! + 0.5) * step;
  const top = layout.maxHeight > 0 ? layout.maxHeight : 1;
  const py = (h: number) => MARGIN.top + innerH - (h / top) * innerH;
  const cut = cutHeight(layout.merges, n, groups);

  return (
    <div ref={wrapRef} className={styles.chart} data-export-chart="hierarchy">
      <svg width={width} height={HEIGHT} role="img" aria-label={t('ws.tools.hierarchy.chart')}>
        <g fill="none" strokeWidth={1.2}>
          {layout.merges.map((m, k) => {
            const node = n + k;
            const [xl, xr, y] = [px(m.left), px(m.right), py(m.distance)];
            return (
              <path
                key={node}
                d={`M${xl},${py(layout.height.get(m.left)!)}V${y}H${xr}V${py(layout.height.get(m.right)!)}`}
                stroke={colourOf(node) ?? '#5a6072'}
              >
                <title>{m.label}</title>
              </path>
            );
          })}
        </g>
        {cut !== null ? (
          <line
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={py(cut)}
            y2={py(cut)}
            stroke="#e6e8ef"
            strokeDasharray="4 3"
            strokeWidth={1}
            data-testid="hierarchy-cut"
          />
        ) : null}
        <g>
          {layout.order.map((topic) => (
            <rect
              key={topic}
              x={px(topic) - Math.max(1, step / 2 - 0.5)}
              width={Math.max(2, step - 1)}
              y={MARGIN.top + innerH + 2}
              height={topic === selected ? 10 : 6}
              fill={colourOf(topic) ?? '#5a6072'}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelectTopic(topic)}
            >
              <title>{t('ws.tools.hierarchy.selectTopic', { id: topic })}</title>
            </rect>
          ))}
        </g>
      </svg>
    </div>
  );
}

'use client';

import { useI18n } from '../../lib/i18n/I18nProvider';

const WIDTH = 96;
const HEIGHT = 22;

/** A topic's messages per timeline bin as a tiny filled line (the x axis is the whole stream). */
export function TopicSparkline({ counts, colour }: { counts: readonly number[]; colour: string }) {
  const { t } = useI18n();
  const top = Math.max(1, ...counts);
  const step = counts.length > 1 ? WIDTH / (counts.length - 1) : WIDTH;
  const points = counts.map((c, i) => `${(i * step).toFixed(1)},${(HEIGHT - 1 - (c / top) * (HEIGHT - 2)).toFixed(1)}`);
  const d = points.length > 0 ? `M0,${HEIGHT} L${points.join(' L')} L${WIDTH},${HEIGHT} Z` : '';
  return (
    <svg
      className="ws-spark"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('ws.topics.sparkAria')}
    >
      <path d={d} fill={colour} fillOpacity={0.35} stroke={colour} strokeWidth={1} />
    </svg>
  );
}

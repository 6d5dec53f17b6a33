'use client';

import type { NowMark as Mark } from '../../lib/now/rankNow';
import { useI18n } from '../../lib/i18n/I18nProvider';

const ARROWS: Record<Mark, string> = { rising: '▲', steady: '▶', fading: '▼' };

/** Rising, steady or fading: an arrow, with the word for screen readers and as a tooltip. */
export function NowMark({ mark }: { mark: Mark }) {
  const { t } = useI18n();
  const word = t(`now.mark.${mark}`);
  return (
    <span className={`now-mark now-mark-${mark}`} data-testid="now-mark" data-mark={mark} title={word}>
      <span aria-hidden="true">{ARROWS[mark]}</span>
      <span className="now-mark-word">{word}</span>
    </span>
  );
}

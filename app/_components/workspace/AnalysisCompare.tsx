'use client';

import type { StoredAnalysis } from '../../../contracts/http/streamRoutes';
import { useI18n } from '../../lib/i18n/I18nProvider';

/**
 * The stored analyses of a stream side by side (model, parameters, topics, noise, moments): enough to see what another
 * model or parameter changed before switching to it.
 */
export function AnalysisCompare({
  analyses,
  currentKey,
  onShow,
}: {
  analyses: readonly StoredAnalysis[];
  currentKey: string | null;
  onShow: (key: string) => void;
}) {
  const { t, number, percent, dateTime, ms } = useI18n();
  return (
    <details className="ws-compare" data-testid="ws-compare">
      <summary>{t('ws.analyse.compare')}</summary>
      <div className="table-wrap">
        <table className="ws-compare-table">
          <thead>
            <tr>
              <th>{t('ws.compare.model')}</th>
              <th>{t('ws.compare.params')}</th>
              <th>{t('ws.compare.date')}</th>
              <th className="num">{t('ws.compare.messages')}</th>
              <th className="num">{t('ws.compare.topics')}</th>
              <th className="num">{t('ws.compare.noise')}</th>
              <th className="num">{t('ws.compare.moments')}</th>
              <th className="num">{t('ws.compare.time')}</th>
            </tr>
          </thead>
          <tbody>
            {analyses.map((a) => (
              <tr key={a.key} data-testid="ws-compare-row" data-key={a.key}>
                <td>
                  {a.key === currentKey ? (
                    <strong>
                      {a.model.id} <span className="muted small">({t('ws.compare.shown')})</span>
                    </strong>
                  ) : (
                    <button type="button" className="link-button" onClick={() => onShow(a.key)}>
                      {a.model.id}
                    </button>
                  )}
                </td>
                <td className="small">{a.parameters || t('ws.analyse.defaults')}</td>
                <td className="small">{dateTime(a.createdAt)}</td>
                <td className="num">{number(a.messages)}</td>
                <td className="num">{number(a.topics)}</td>
                <td className="num">{percent(a.noiseRate)}</td>
                <td className="num">{number(a.moments)}</td>
                <td className="num">{ms(a.totalMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

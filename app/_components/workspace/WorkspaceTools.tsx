'use client';

import { useI18n } from '../../lib/i18n/I18nProvider';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { DrillDown } from './DrillDown';
import { ExportMenu } from './ExportMenu';
import { HierarchyView } from './HierarchyView';
import { HighlightsPanel } from './HighlightsPanel';
import { SearchPanel } from './SearchPanel';
import { TypeShares } from './TypeShares';

/** The tool views under the map, timeline and topic list; each shares the page's selection. */
export function WorkspaceTools(props: WorkspaceViewProps) {
  const { t } = useI18n();
  return (
    <div className="ws-tools" data-testid="ws-tools" aria-label={t('ws.tools')}>
      <div className="ws-tool ws-tool-wide">
        <SearchPanel {...props} />
      </div>
      <div className="ws-tool ws-tool-wide">
        <DrillDown {...props} />
      </div>
      <div className="ws-tool ws-tool-wide">
        <HierarchyView {...props} />
      </div>
      <div className="ws-tool">
        <HighlightsPanel {...props} />
      </div>
      <div className="ws-tool">
        <TypeShares {...props} />
      </div>
      <div className="ws-tool">
        <ExportMenu {...props} />
      </div>
    </div>
  );
}

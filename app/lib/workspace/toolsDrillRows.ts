import type { AnalysisMessage } from '../../../contracts/analysis';
import { foldText } from '../foldText';
import type { WorkspaceSelection } from './WorkspaceView';

/**
 * The messages the drill-down lists, as indices into `messages` in time order: those of the selected topic (or of
 * every topic and noise when none is selected), within the brushed range if any, whose text or user contains
 * `filter` (folded, see {@link foldText}). Nothing selected and nothing brushed lists nothing: a whole stream in one
 * list says less than the map.
 *
 * @param messages `analysis.messages` (already in elapsed order)
 * @param selection the workspace's selection
 * @param filter the text filter ("" for none)
 * @example drillRows(messages, { topic: 3, range: null }, 'arbitre')
 */
export function drillRows(
  messages: readonly AnalysisMessage[],
  selection: WorkspaceSelection,
  filter: string,
): number[] {
  const { topic, range } = selection;
  if (topic === null && range === null) return [];
  const needle = foldText(filter.trim());
  const out: number[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (topic !== null && m.topic !== topic) continue;
    if (range !== null && (m.elapsed < range[0] || m.elapsed > range[1])) continue;
    if (needle && !foldText(m.text).includes(needle) && !foldText(m.user ?? '').includes(needle)) continue;
    out.push(i);
  }
  return out;
}

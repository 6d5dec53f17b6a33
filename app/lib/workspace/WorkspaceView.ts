import type { TopicAnalysis } from '../../../contracts/analysis';

/**
 * What the analyst has picked on the stream page. Every view reads it and every view may change it, so brushing the
 * timeline filters the map, the topic list and the drill-down alike.
 */
export interface WorkspaceSelection {
  /** The selected fine topic (null: none). */
  topic: number | null;
  /** The brushed time range in elapsed seconds, inclusive (null: the whole stream). */
  range: readonly [number, number] | null;
}

/** The props every view of the stream page takes. */
export interface WorkspaceViewProps {
  streamId: string;
  /** The stored analysis' key (for search and links). */
  analysisKey: string;
  analysis: TopicAnalysis;
  selection: WorkspaceSelection;
  /** Merges a change into the selection (`{ topic: null }` clears the topic). */
  onSelect: (change: Partial<WorkspaceSelection>) => void;
}

import type { TopicAnalysis } from '../../../contracts/analysis';
import type { StoredAnalysis } from '../../../contracts/http';
import { describeParameters } from './describeParameters';

/**
 * What the list of stored analyses shows of one, without its big arrays.
 * @param createdAt epoch ms it was stored
 * @param searchable whether its message vectors are stored beside it
 */
export function summarizeAnalysis(
  key: string,
  analysis: TopicAnalysis,
  createdAt: number,
  searchable: boolean,
): StoredAnalysis {
  return {
    key,
    streamId: analysis.stream.id,
    model: { id: analysis.model.id, kind: analysis.model.kind, dimension: analysis.model.dimension },
    createdAt,
    messages: analysis.counts.messages,
    topics: analysis.topics.length,
    moments: analysis.moments.length,
    noiseRate: analysis.noiseRate,
    totalMs: analysis.totalMs,
    parameters: describeParameters(analysis.parameters),
    searchable,
  };
}

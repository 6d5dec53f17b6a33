import type { AnalysisMessage, TopicAnalysis } from '../../contracts/analysis';
import { formatClock } from '../formatClock';

export interface ReportOptions {
  /** Messages printed per topic (default 8): the most typical (highest silhouette, else probability), in time order. */
  messagesPerTopic?: number;
}

const RULE = '-'.repeat(20);
const fixed2 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(2));

/** `2021-03-30 20:14:15` (UTC) for streams with real dates, else the elapsed clock `1:02:03`. */
function timeOf(analysis: TopicAnalysis, elapsed: number): string {
  if (!analysis.stream.absoluteTime) return formatClock(elapsed);
  return new Date(analysis.stream.startedAt + elapsed * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function typical(messages: AnalysisMessage[], count: number): AnalysisMessage[] {
  const score = (m: AnalysisMessage) => m.silhouette ?? m.probability;
  return [...messages].sort((a, b) => score(b) - score(a) || a.elapsed - b.elapsed).slice(0, count).sort((a, b) => a.elapsed - b.elapsed);
}

/**
 * The reference's text report: per topic (largest first) a rule with its id, the label `term (score)/…`, the mean
 * silhouette, then a few messages with their time and own silhouette; a summary line first.
 *
 * @example
 * -------------------- LABEL 106 --------------------
 * circus (0.88)/sulli (0.23)/connu (0.19)/jure (0.12)/aime (0.11)
 * silhouette moyenne: 0.04
 * 2021-03-30 20:14:15  0.03: oh le circus !! <3
 */
export function formatAnalysisReport(analysis: TopicAnalysis, options: ReportOptions = {}): string {
  const perTopic = options.messagesPerTopic ?? 8;
  const byTopic = new Map<number, AnalysisMessage[]>();
  for (const m of analysis.messages) {
    const list = byTopic.get(m.topic);
    if (list) list.push(m);
    else byTopic.set(m.topic, [m]);
  }
  const { counts } = analysis;
  const lines: string[] = [
    `${analysis.stream.channel} — ${analysis.stream.title} (${analysis.stream.id})`,
    `${counts.messages} messages, ${counts.clustered} clustered, ${analysis.topics.length} topics, ` +
      `noise ${(analysis.noiseRate * 100).toFixed(1)}%, silhouette ${fixed2(analysis.silhouette)}; model ${analysis.model.id}; ` +
      `${(analysis.totalMs / 1000).toFixed(1)} s`,
    `left out: ${counts.excludedDeleted} deleted, ${counts.excludedBot} from bots, ${counts.excludedCommand} commands, ${counts.excludedEmpty} empty`,
  ];
  const topics = [...analysis.topics].sort((a, b) => b.size - a.size || a.id - b.id);
  for (const topic of topics) {
    lines.push('', `${RULE} LABEL ${topic.id} ${RULE}`, topic.label, `silhouette moyenne: ${fixed2(topic.silhouette)}`);
    lines.push(`${topic.size} messages, ${timeOf(analysis, topic.firstElapsed)} -> ${timeOf(analysis, topic.lastElapsed)}`);
    for (const m of typical(byTopic.get(topic.id) ?? [], perTopic)) {
      lines.push(`${timeOf(analysis, m.elapsed)}  ${fixed2(m.silhouette)}: ${m.text.replace(/[\r\n]+/g, ' ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

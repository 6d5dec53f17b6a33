import type { AnalysisMessage, TopicAnalysis } from '../../contracts/analysis';
import { formatClock } from '../formatClock';

export interface ReportOptions {
  /** Messages printed per topic (default 8): the most typical (highest silhouette, else probability), in time order. */
  messagesPerTopic?: number;
}

const RULE = '-'.repeat(20);
const fixed2 = (x: number | null): string => (x === null ? 'n/d' : x.toFixed(2));
const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

/** `2021-03-30 20:14:15` (UTC) for streams with real dates, else the elapsed clock `1:02:03`. */
function timeOf(analysis: TopicAnalysis, elapsed: number): string {
  if (!analysis.stream.absoluteTime) return formatClock(elapsed);
  return new Date(analysis.stream.startedAt + elapsed * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function typical(messages: AnalysisMessage[], count: number): AnalysisMessage[] {
  const score = (m: AnalysisMessage) => m.silhouette ?? m.probability;
  return [...messages]
    .sort((a, b) => score(b) - score(a) || a.elapsed - b.elapsed)
    .slice(0, count)
    .sort((a, b) => a.elapsed - b.elapsed);
}

/** The moments in time order: span, size, label, the fine topics they hold, and a few of their messages. */
function momentLines(analysis: TopicAnalysis): string[] {
  if (analysis.moments.length === 0) return [];
  const lines = ['', `${'='.repeat(20)} MOMENTS ${'='.repeat(20)}`];
  for (const moment of analysis.moments) {
    lines.push(
      '',
      `MOMENT ${moment.id} — ${timeOf(analysis, moment.firstElapsed)} -> ${timeOf(analysis, moment.lastElapsed)}, ${moment.size} messages`,
      moment.label,
      `sujets : ${moment.topics.length > 0 ? moment.topics.join(', ') : 'aucun'}`,
    );
    for (const r of moment.representatives) lines.push(`${timeOf(analysis, r.elapsed)}: ${oneLine(r.text)}`);
  }
  return lines;
}

/**
 * The reference's text report, in French (numbers keep the reference's decimal point, as in the labels): a summary, the moments in time order, then per fine topic (largest
 * first) a rule with its id, the label `term (score)/…`, the mean silhouette, its size, span, moment and message type
 * (version 4), then a few messages with their time and own silhouette.
 *
 * @example
 * -------------------- SUJET 106 --------------------
 * circus (0.88)/sulli (0.23)/connu (0.19)/jure (0.12)/aime (0.11)
 * silhouette moyenne : 0.04
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
    `${counts.messages} messages, ${counts.clustered} analysés, ${analysis.topics.length} sujets, ${analysis.moments.length} moments, ` +
      `bruit ${percent(analysis.noiseRate)}, silhouette ${fixed2(analysis.silhouette)} ; modèle ${analysis.model.id} ; ` +
      `${(analysis.totalMs / 1000).toFixed(1)} s`,
    `écartés : ${counts.excludedDeleted} supprimés, ${counts.excludedBot} de bots, ${counts.excludedCommand} commandes, ${counts.excludedEmpty} vides`,
    ...momentLines(analysis),
  ];
  if (analysis.topics.length > 0) lines.push('', `${'='.repeat(20)} SUJETS ${'='.repeat(20)}`);
  const topics = [...analysis.topics].sort((a, b) => b.size - a.size || a.id - b.id);
  for (const topic of topics) {
    lines.push(
      '',
      `${RULE} SUJET ${topic.id} ${RULE}`,
      topic.label,
      `silhouette moyenne : ${fixed2(topic.silhouette)}`,
    );
    lines.push(
      `${topic.size} messages, ${timeOf(analysis, topic.firstElapsed)} -> ${timeOf(analysis, topic.lastElapsed)}${topic.moment >= 0 ? `, moment ${topic.moment}` : ''}` +
        (topic.type ? `, type ${topic.type}` : ''),
    );
    for (const m of typical(byTopic.get(topic.id) ?? [], perTopic)) {
      lines.push(`${timeOf(analysis, m.elapsed)}  ${fixed2(m.silhouette)}: ${oneLine(m.text)}`);
    }
  }
  return lines.join('\n') + '\n';
}

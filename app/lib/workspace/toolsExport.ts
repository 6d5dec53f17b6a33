import type { Highlight, TopicAnalysis } from '../../../contracts/analysis';
import { formatClock } from '../format';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
 * `'`: chat is written by strangers, and `=HYPERLINK(...)` in a cell is an attack, not a message.
 *
 * @param value a number is written as is; a string is protected as above
 * @example csvField('a,"b"') // '"a,""b"""'
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text: fields joined by commas, lines by CRLF (what spreadsheets expect), with a final CRLF. */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Every clustered message with its topic, type and moment: `elapsed` (seconds, 3 decimals), `time` (`H:MM:SS` into
 * the stream), `user`, `text`, `topic` (-1: noise), `topic_label`, `type`, `moment` (-1: none).
 */
export function messagesCsv(analysis: TopicAnalysis): string {
  const topics = new Map(analysis.topics.map((t) => [t.id, t]));
  const rows: (string | number | null)[][] = [
    ['elapsed', 'time', 'user', 'text', 'topic', 'topic_label', 'type', 'moment'],
  ];
  for (const m of analysis.messages) {
    const topic = topics.get(m.topic);
    rows.push([
      Math.round(m.elapsed * 1000) / 1000,
      formatClock(m.elapsed),
      m.user ?? '',
      m.text,
      m.topic,
      topic?.label ?? '',
      topic?.type ?? '',
      m.moment,
    ]);
  }
  return csvText(rows);
}

/**
 * The highlights as CSV: `start`, `end` (`H:MM:SS`), `start_elapsed`, `end_elapsed`, `peak_rate` (messages per
 * minute), `messages`, `label`, `topics` (`id:share%` of the leading topics, `;`-separated), `topic_labels`.
 */
export function highlightsCsv(analysis: TopicAnalysis, highlights: readonly Highlight[]): string {
  const labels = new Map(analysis.topics.map((t) => [t.id, t.label]));
  const rows: (string | number | null)[][] = [
    ['start', 'end', 'start_elapsed', 'end_elapsed', 'peak_rate', 'messages', 'label', 'topics', 'topic_labels'],
  ];
  for (const h of highlights) {
    rows.push([
      formatClock(h.startElapsed),
      formatClock(h.endElapsed),
      Math.round(h.startElapsed),
      Math.round(h.endElapsed),
      Math.round(h.peakRate * 10) / 10,
      h.messages,
      h.label,
      h.topics.map((t) => `${t.topic}:${Math.round(t.share * 100)}%`).join(';'),
      h.topics.map((t) => labels.get(t.topic) ?? '').join(' | '),
    ]);
  }
  return csvText(rows);
}

/** YouTube ignores a chapter shorter than this many seconds (and then every chapter). */
export const MIN_CHAPTER_SECONDS = 10;

/** A chapter's time as YouTube reads it: `M:SS` in a stream under an hour, `H:MM:SS` otherwise. */
export function chapterTime(seconds: number, hours: boolean): string {
  const clock = formatClock(seconds);
  return hours ? clock : clock.replace(/^0:0?/, '');
}

/**
 * The highlights as YouTube chapter lines (`0:12:34 label`) for a video description. YouTube shows chapters only
 * when the first starts at 0:00 and each lasts at least 10 s, so: a highlight starting within the first 10 s takes
 * the 0:00 line; otherwise a first line `0:00 <startLabel>` opens the list. A highlight starting less than 10 s after
 * the previous line is left out (it would make that chapter too short). Labels are flattened to one line.
 * YouTube also wants at least three chapters; a stream with fewer highlights cannot meet that and gets what it has.
 *
 * @param highlights in any order
 * @param durationSeconds the stream's length: `H:MM:SS` from an hour on, `M:SS` below
 * @param startLabel the first line's label when no highlight starts at 0:00 (translated "Start")
 * @example youtubeChapters([{ startElapsed: 754, label: 'penalty', ... }], 5400, 'Début')
 * // ['0:00:00 Début', '0:12:34 penalty']
 */
export function youtubeChapters(
  highlights: readonly Pick<Highlight, 'startElapsed' | 'label'>[],
  durationSeconds: number,
  startLabel: string,
): string[] {
  const hours = durationSeconds >= 3600;
  const oneLine = (label: string) => label.replace(/\s+/g, ' ').trim() || startLabel;
  const sorted = [...highlights].sort((a, b) => a.startElapsed - b.startElapsed);
  const chapters: { at: number; label: string }[] = [];
  for (const h of sorted) {
    const at = chapters.length === 0 && h.startElapsed < MIN_CHAPTER_SECONDS ? 0 : Math.floor(h.startElapsed);
    if (chapters.length === 0 && at > 0) chapters.push({ at: 0, label: oneLine(startLabel) });
    const previous = chapters[chapters.length - 1];
    if (previous && at - previous.at < MIN_CHAPTER_SECONDS) continue;
    chapters.push({ at, label: oneLine(h.label) });
  }
  if (chapters.length === 0) chapters.push({ at: 0, label: oneLine(startLabel) });
  return chapters.map((c) => `${chapterTime(c.at, hours)} ${c.label}`);
}

/**
 * A file name for a download: `<channel>-<stream id>-<what>.<ext>`, reduced to letters, digits, `-`, `_` and `.` so
 * that no browser or file system trips on it.
 */
export function downloadName(analysis: TopicAnalysis, what: string, ext: string): string {
  const clean = (s: string) =>
    s
      .replace(/[^\p{L}\p{N}_.-]+/gu, '_')
      .replace(/^[._]+|_+$/g, '')
      .slice(0, 60);
  return `${[analysis.stream.channel, analysis.stream.id, what].map(clean).filter(Boolean).join('-')}.${ext}`;
}

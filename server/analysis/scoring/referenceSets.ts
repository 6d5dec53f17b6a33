import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ChatTopicsError, type ErrorKind } from '../../errors';
import type { AnnotatedWindow } from './scoreAnnotatedWindows';
import type { ReferenceLabel } from './scoreReferenceTopics';

/** A reference file that cannot be used: the message names the file and, for bad content, the field. */
export class ReferenceSetError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** One set to score against: the chat file to analyse and what its analysis is compared with. */
export type ReferenceSet =
  | { kind: 'labels'; name: string; chatFile: string; file: string }
  | { kind: 'windows'; name: string; chatFile: string; file: string };

const LabelsSchema = z.array(z.object({ text: z.string(), label: z.union([z.string(), z.number()]) }));
const WindowsSchema = z.object({
  stream: z.string().min(1),
  windows: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      messages: z.array(z.object({ elapsed: z.number().nonnegative(), text: z.string(), topic: z.string().min(1) })),
    }),
  ),
});

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ReferenceSetError(`${file}: not readable JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceSetError(`${file}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

const CHAT_EXTENSIONS = ['.txt', '.json', '.jsonl', '.csv', '.log', '.txt.gz', '.json.gz', '.jsonl.gz'];

/**
 * The chat file named `name` (a file name or a relative path), looked up in `dir`, its parent, then each folder
 * beside `dir` (the shipped windows name `chat-fr/<file>` relative to the data folder).
 */
function locateChatFile(dir: string, name: string): string | null {
  const candidates = [
    dir,
    path.dirname(dir),
    ...fs
      .readdirSync(path.dirname(dir), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => path.join(path.dirname(dir), d.name)),
  ];
  for (const d of candidates) {
    const file = path.join(d, name);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  return null;
}

/**
 * Every reference set in `dir`: `X.labels.json` beside its chat file `X.<ext>`, and `*.windows.json` whose `stream`
 * names a chat file in `dir` or a folder beside it. New sets of either kind need no code change.
 *
 * @throws ReferenceSetError naming the file when a set's chat file cannot be found
 */
export function findReferenceSets(dir: string): ReferenceSet[] {
  const sets: ReferenceSet[] = [];
  for (const entry of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, entry);
    if (entry.endsWith('.labels.json')) {
      const base = entry.slice(0, -'.labels.json'.length);
      const chatFile = CHAT_EXTENSIONS.map((ext) => locateChatFile(dir, base + ext)).find((f) => f !== null);
      if (!chatFile)
        throw new ReferenceSetError(`${file}: no chat file ${base}.<${CHAT_EXTENSIONS.join('|')}> beside it`);
      sets.push({ kind: 'labels', name: base, chatFile, file });
    } else if (entry.endsWith('.windows.json')) {
      const { stream } = readJson(file, WindowsSchema.pick({ stream: true }));
      const chatFile = locateChatFile(dir, stream);
      if (!chatFile)
        throw new ReferenceSetError(`${file}: field stream: chat file "${stream}" is neither in ${dir} nor beside it`);
      sets.push({ kind: 'windows', name: entry.slice(0, -'.windows.json'.length), chatFile, file });
    }
  }
  return sets;
}

/** The reference system's labels of a `labels` set. @throws ReferenceSetError naming the file and field */
export function readReferenceLabels(file: string): ReferenceLabel[] {
  return readJson(file, LabelsSchema);
}

/** The hand-grouped windows of a `windows` set. @throws ReferenceSetError naming the file and field */
export function readAnnotatedWindows(file: string): AnnotatedWindow[] {
  return readJson(file, WindowsSchema).windows;
}

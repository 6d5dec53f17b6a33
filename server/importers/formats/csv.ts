import { channelName, parseDateTime, plainMessage, userFromName } from './common';
import type { ChatFormat, LineParser, SourceEvent } from './types';

export const CSV_HEADER = 'published_datetime;channel;username;channel_2;message';
const FIELDS_BEFORE_MESSAGE = 4;
/** A record may span lines inside a quoted message; past this many we give up on the quote. */
const MAX_RECORD_LINES = 20;
/** What starts a record, to tell a stray `"` at the start of a message from a quoted field that spans lines. */
const RECORD_START = /^"?\d{4}-\d\d-\d\d/;

type Split = { fields: string[]; message: string } | { open: true } | { error: string };

/** Reads one quoted field starting at `i` (on the `"`). @returns its value and the index after the closing quote. */
function quoted(text: string, i: number): { value: string; next: number } | null {
  let value = '';
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return null;
    if (text[q + 1] === '"') {
      value += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return { value: value + text.slice(from, q), next: q + 1 };
  }
}

/**
 * Splits a record: the first four fields end at `;` (or are quoted), and everything after the fourth `;` is the
 * message, because messages contain `;` and writers of this format do not always quote them.
 */
export function splitCsvRecord(text: string): Split {
  const fields: string[] = [];
  let i = 0;
  for (let k = 0; k < FIELDS_BEFORE_MESSAGE; k++) {
    if (text[i] === '"') {
      const q = quoted(text, i);
      if (!q) return { open: true };
      if (text[q.next] !== ';') return { error: `field ${k + 1}: text after its closing quote` };
      fields.push(q.value);
      i = q.next + 1;
    } else {
      const semi = text.indexOf(';', i);
      if (semi < 0) return { error: `expected 5 \`;\`-separated fields, found ${k + 1}` };
      fields.push(text.slice(i, semi));
      i = semi + 1;
    }
  }
  let message = text.slice(i);
  if (message.startsWith('"')) {
    const q = quoted(message, 0);
    if (!q) return { open: true };
    // A quote that closes before the end was not a quoting quote (`"lol" he said`): keep the text as written.
    if (message.slice(q.next).trim() === '') message = q.value;
  }
  return { fields, message };
}

function createParser(): LineParser {
  let held: { text: string; line: number; lines: number } | null = null;
  let first = true;

  const record = (text: string, lineNo: number, out: SourceEvent[], final: boolean): boolean => {
    let split = splitCsvRecord(text);
    if ('open' in split) {
      if (!final) return false;
      // Never closed: the quote is part of the text; split at the first four `;` rather than lose the record.
      const naive = text.split(';');
      split =
        naive.length > FIELDS_BEFORE_MESSAGE
          ? {
              fields: naive.slice(0, FIELDS_BEFORE_MESSAGE).map((f) => f.replace(/^"|"$/g, '')),
              message: naive.slice(FIELDS_BEFORE_MESSAGE).join(';'),
            }
          : { error: 'unclosed quote' };
    }
    if ('error' in split) {
      out.push({ type: 'error', line: lineNo, reason: split.error });
      return true;
    }
    const [date = '', channel = '', username = ''] = split.fields.map((f) => f.trim());
    const ts = parseDateTime(date);
    if (ts === null) out.push({ type: 'error', line: lineNo, reason: `published_datetime \`${date}\` is not a date` });
    else if (!username) out.push({ type: 'error', line: lineNo, reason: 'missing field `username`' });
    else if (split.message.trim() === '') out.push({ type: 'error', line: lineNo, reason: 'empty message' });
    else {
      const message = plainMessage(userFromName(username), split.message, { ts });
      message.channel = channel ? channelName(channel) : null;
      out.push({ type: 'message', line: lineNo, message });
    }
    return true;
  };

  return {
    line(line: string, lineNo: number, out: SourceEvent[]) {
      if (first) {
        first = false;
        if (line.toLowerCase().startsWith('published_datetime;')) return;
      }
      if (held) {
        if (RECORD_START.test(line) || held.lines >= MAX_RECORD_LINES) {
          // The next record starts (or the quote never closes): the held one had a stray quote, not a quoted field.
          record(held.text, held.line, out, true);
          held = null;
        } else {
          held.text += '\n' + line;
          held.lines++;
          if (record(held.text, held.line, out, false)) held = null;
          return;
        }
      }
      if (!record(line, lineNo, out, false)) held = { text: line, line: lineNo, lines: 1 };
    },
    end(out: SourceEvent[]) {
      if (held) record(held.text, held.line, out, true);
      held = null;
    },
  };
}

/** The `;`-separated CSV `published_datetime;channel;username;channel_2;message` (times read as UTC when no zone). */
export const csv: ChatFormat = {
  name: 'csv',
  kind: 'lines',
  fields: {
    id: null,
    login: '`username`',
    displayName: '`username`',
    ts: '`published_datetime`',
    offset: null,
    text: '`message`',
    channel: '`channel`',
    replyParentId: null,
  },
  createParser,
};

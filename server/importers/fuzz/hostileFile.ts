import { BAD_KINDS, FORMAT_WRITERS, type BadKind, type FormatWriter, type GoodRecord } from './formatWriters';
import { Sfc32 } from '../../../models/random';

/** A generated chat file and what a correct import of it gives. */
export interface HostileFile {
  writer: FormatWriter;
  seed: number;
  fileName: string;
  text: string;
  /** Texts of the good messages in file order, as the archive must hold them (NULs removed). */
  good: string[];
  /** Character offset in `text` just after each good record (for truncated copies). */
  goodEnds: number[];
  /** Records that must each be reported as one error (metadata included). */
  bad: number;
  /** Bad kinds used, for the failure message. */
  kinds: BadKind[];
  channel: string;
}

/**
 * Texts that are valid chat but hostile to whatever renders or stores them: markup, SQL, quotes, separators of
 * every format, a NUL (removed on import), emoji and invisible characters. Each gets a unique prefix.
 */
const HOSTILE_TEXTS = [
  '<script>alert(1)</script><img src=x onerror=alert(2)>',
  "'; DROP TABLE messages; --",
  'héhé 🎉 ça marche ｆｕｌｌ',
  'a: b : c; d',
  '[0:00:01] fake: line',
  'tab\there',
  'nul\u0000byte',
  'zero\u200bwidth \u202eright-to-left',
  '../../etc/passwd',
  '{"kind":"stream","stream":{}}',
  'Kappa PogChamp LUL',
  '@everyone :D',
  'ends with spaces   ',
  'back\\slash and "quotes"',
];

const LOGIN_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789_'];

/** Line endings of a generated line file, and the padding lines that are neither good nor bad. */
const ENDINGS = ['\n', '\r\n', '\r'] as const;
const PADDING = ['', '   ', '\u0000\u0000\u0000\u0000', '\t'];

/**
 * Writes a hostile chat file of `writer`'s format from `seed`: `count` records, a share of them bad (every kind the
 * format can express, at random), with the first three good (the importer refuses a file whose first records do
 * not parse). Line files get random line endings (LF, CRLF or CR), a BOM, blank, NUL and noise lines; JSON files
 * are minified or pretty-printed.
 */
export function hostileFile(writer: FormatWriter, seed: number, count = 300, badShare = 0.12): HostileFile {
  const rng = new Sfc32(seed);
  const fileName = writer.fileName(seed);
  const badMeta = writer.hasMeta && rng.chance(0.5);
  const good: string[] = [];
  const goodEnds: number[] = [];
  const kinds: BadKind[] = [];
  let bad = badMeta ? 1 : 0;
  let t = 0;
  const eol = writer.kind === 'lines' ? rng.pick(ENDINGS) : rng.chance(0.5) ? '\n  ' : '';
  let text = (rng.chance(0.3) ? '\uFEFF' : '') + writer.head(badMeta);
  let first = true;
  const put = (record: string) => {
    if (writer.kind === 'json') text += (first ? eol : `,${eol}`) + record;
    else text += (text === '' || text === '\uFEFF' ? '' : eol) + record;
    first = false;
  };
  for (let i = 0; i < count; i++) {
    if (writer.kind === 'lines' && rng.chance(0.05)) put(rng.pick(PADDING));
    for (const noise of rng.chance(0.03) ? writer.noise() : []) put(noise);
    if (i >= 3 && rng.chance(badShare)) {
      const kind = rng.pick(BAD_KINDS);
      const record = writer.bad(kind, { latest: t });
      if (record !== null) {
        put(record);
        bad++;
        kinds.push(kind);
        continue;
      }
    }
    t += rng.int(0, 90);
    const r: GoodRecord = {
      id: `id-${seed}-${i}`,
      uid: String(1000 + i),
      login: Array.from({ length: rng.int(1, 25) }, () => rng.pick(LOGIN_ALPHABET)).join(''),
      display: '',
      text: `m${i} ${rng.pick(HOSTILE_TEXTS)}`,
      t,
    };
    r.display = rng.chance(0.5) ? r.login.toUpperCase() : r.login;
    // A byte-order mark in the middle of a line file (files joined with `cat`) must not break the line after it.
    put((writer.kind === 'lines' && rng.chance(0.01) ? '\uFEFF' : '') + writer.good(r));
    good.push(r.text.replace(/\u0000/g, ''));
    goodEnds.push(text.length);
  }
  text += (writer.kind === 'json' ? eol : '') + writer.tail();
  if (writer.kind === 'lines' && rng.chance(0.5)) text += eol;
  return { writer, seed, fileName, text, good, goodEnds, bad, kinds, channel: writer.channel(fileName, badMeta) };
}

export { FORMAT_WRITERS };

import type { FormatName } from '../formats/types';

/**
 * How the fuzz generator writes one chat format: a good message, and each kind of bad record the format can
 * express (null when it cannot). Every bad record must be reported as exactly one error by the importer; every
 * good one must be imported with its text (NULs removed).
 */

/** A message the importer must keep. `t` is seconds after the stream start (non-decreasing in the file). */
export interface GoodRecord {
  id: string;
  uid: string;
  login: string;
  display: string;
  text: string;
  t: number;
}

export type BadKind =
  | 'loginSpace'
  | 'loginLong'
  | 'loginNul'
  | 'loginBadChar'
  | 'displayCtrl'
  | 'timeHuge'
  | 'timeNeg'
  | 'timeInf'
  | 'dateImpossible'
  | 'elapsedHuge'
  | 'backInTime'
  | 'channelPath'
  | 'hugeLine'
  | 'deepNesting'
  | 'notRecord'
  | 'scalarRecord'
  | 'emptyText';

export const BAD_KINDS: readonly BadKind[] = [
  'loginSpace',
  'loginLong',
  'loginNul',
  'loginBadChar',
  'displayCtrl',
  'timeHuge',
  'timeNeg',
  'timeInf',
  'dateImpossible',
  'elapsedHuge',
  'backInTime',
  'channelPath',
  'hugeLine',
  'deepNesting',
  'notRecord',
  'scalarRecord',
  'emptyText',
];

/** What a bad record may use: the latest good time (for a time going back) and the stream's clock. */
export interface WriteContext {
  latest: number;
}

export interface FormatWriter {
  format: FormatName;
  kind: 'lines' | 'json';
  /** The file name (some formats take their channel or date from it). */
  fileName(seed: number): string;
  /** The channel the stream must get. */
  channel(fileName: string, badMeta: boolean): string;
  /** Text before the records (CSV header, JSON opening with metadata). `badMeta`: a hostile channel in metadata. */
  head(badMeta: boolean): string;
  /** Text after the records (JSON closing). */
  tail(): string;
  good(r: GoodRecord): string;
  bad(kind: BadKind, ctx: WriteContext): string | null;
  /** Records that are neither good nor bad (system notices, other item types): skipped silently. */
  noise(): string[];
  /** Whether this format reports a bad metadata channel (as one error). */
  hasMeta: boolean;
}

export const CHANNEL = 'fuzzchan';
export const BASE_MS = Date.UTC(2024, 0, 15, 20, 0, 0);
const HOSTILE_CHANNEL = '../../etc/<script>alert(1)</script>';
const HUGE = 'x'.repeat(1_100_000);
const DEEP = '['.repeat(200) + ']'.repeat(200);

const clock = (t: number) =>
  `${Math.floor(t / 3600)}:${String(Math.floor(t / 60) % 60).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();
const sqlDate = (ms: number) => iso(ms).replace('T', ' ').slice(0, 19);
const nameOf = (fileName: string) => /^[a-z0-9_]+/.exec(fileName.toLowerCase())![0];

/** Bad login spellings shared by the formats that write a login or a name. */
function badName(kind: BadKind): string | null {
  switch (kind) {
    case 'loginSpace':
      return 'bad name';
    case 'loginLong':
      return 'x'.repeat(1000);
    case 'loginNul':
      return 'bo\u0000b';
    case 'loginBadChar':
      return 'bad-name';
    default:
      return null;
  }
}

const twitchDownloaderTxt: FormatWriter = {
  format: 'twitchdownloader-txt',
  kind: 'lines',
  hasMeta: false,
  fileName: (seed) => `${CHANNEL}-vod${seed}.txt`,
  channel: () => CHANNEL,
  head: () => '',
  tail: () => '',
  // One name in ten followed by a space before the colon, as real TwitchDownloader exports have.
  good: (r) => `[${clock(r.t)}] ${r.display}${r.t % 10 === 3 ? ' ' : ''}: ${r.text}`,
  bad(kind, { latest }) {
    const name = badName(kind);
    if (name !== null) return `[${clock(latest)}] ${name}: hello`;
    switch (kind) {
      case 'elapsedHuge':
        return '[200:00:00] someone: hello';
      case 'dateImpossible':
        return '[2023-13-45 99:99:99 UTC] someone: hello';
      case 'timeHuge':
        return '[0:99:99] someone: hello';
      case 'backInTime':
        return latest >= 7300 ? `[${clock(latest - 7200)}] someone: hello` : null;
      case 'hugeLine':
        return `[${clock(latest)}] someone: ${HUGE}`;
      case 'notRecord':
        return 'this is not a chat line';
      case 'emptyText':
        return `[${clock(latest)}] someone:`;
      default:
        return null;
    }
  },
  noise: () => [],
};

const chatterino: FormatWriter = {
  format: 'chatterino',
  kind: 'lines',
  hasMeta: false,
  fileName: () => `${CHANNEL}-2024-01-15.log`,
  channel: () => CHANNEL,
  head: () => '# Start logging at 2024-01-15 10:00:00 UTC',
  tail: () => '',
  good: (r) => `[${sqlDate(Date.UTC(2024, 0, 15, 10) + r.t * 1000).slice(11)}]  ${r.display}: ${r.text}`,
  bad(kind, { latest }) {
    const at = sqlDate(Date.UTC(2024, 0, 15, 10) + latest * 1000).slice(11);
    // A name with a space is a system notice in Chatterino logs (skipped, not an error): not a bad record here.
    if (kind === 'loginSpace') return null;
    const name = badName(kind);
    if (name !== null) return `[${at}]  ${name}: hello`;
    switch (kind) {
      case 'timeHuge':
        return '[25:00:00]  someone: hello';
      case 'dateImpossible':
        return '[12:99:00]  someone: hello';
      case 'hugeLine':
        return `[${at}]  someone: ${HUGE}`;
      case 'notRecord':
        return 'no bracket here';
      default:
        return null;
    }
  },
  // Not a timed line: a notice with a time would move Chatterino's midnight detection.
  noise: () => ['# a comment line'],
};

const ircLine = (o: {
  login: string;
  display: string;
  id: string;
  uid: string;
  ts: string | number;
  channel?: string;
  text: string | null;
}) =>
  `@badges=subscriber/12;color=#FF0000;display-name=${o.display};emotes=;id=${o.id};login=${o.login};room-id=1;tmi-sent-ts=${o.ts};user-id=${o.uid} ` +
  `:${o.login.replace(/[^a-z0-9_]/g, 'x')}!u@u.tmi.twitch.tv PRIVMSG #${o.channel ?? CHANNEL}${o.text === null ? '' : ` :${o.text}`}`;

const irc: FormatWriter = {
  format: 'irc',
  kind: 'lines',
  hasMeta: false,
  fileName: (seed) => `raw-${seed}.irc`,
  channel: () => CHANNEL,
  head: () => ':tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!',
  tail: () => '',
  good: (r) => ircLine({ ...r, ts: BASE_MS + r.t * 1000 }),
  bad(kind, { latest }) {
    const base = {
      login: 'someone',
      display: 'Someone',
      id: 'bad',
      uid: '9',
      ts: BASE_MS + latest * 1000,
      text: 'hello' as string | null,
    };
    switch (kind) {
      case 'loginSpace':
        return ircLine({ ...base, login: 'bad\\sname' });
      case 'loginLong':
      case 'loginNul':
      case 'loginBadChar':
        return ircLine({ ...base, login: badName(kind)! });
      case 'displayCtrl':
        return ircLine({ ...base, display: 'Bell\u0007Name' });
      case 'timeHuge':
        return ircLine({ ...base, ts: '1e20' });
      case 'timeNeg':
        return ircLine({ ...base, ts: '-1000' });
      case 'timeInf':
        return ircLine({ ...base, ts: '99999999999999' });
      case 'backInTime':
        return latest >= 7300 ? ircLine({ ...base, ts: BASE_MS + (latest - 7200) * 1000 }) : null;
      case 'channelPath':
        return ircLine({ ...base, channel: HOSTILE_CHANNEL });
      case 'hugeLine':
        return ircLine({ ...base, text: HUGE });
      case 'notRecord':
        return 'this is not irc';
      case 'emptyText':
        return ircLine({ ...base, text: null });
      default:
        return null;
    }
  },
  noise: () => ['PING :tmi.twitch.tv', `:someone!someone@someone.tmi.twitch.tv JOIN #${CHANNEL}`],
};

const csv: FormatWriter = {
  format: 'csv',
  kind: 'lines',
  hasMeta: false,
  fileName: (seed) => `export-${seed}.csv`,
  channel: () => CHANNEL,
  head: () => 'published_datetime;channel;username;channel_2;message',
  tail: () => '',
  good: (r) => `${sqlDate(BASE_MS + r.t * 1000)};${CHANNEL};${r.display};${CHANNEL};${r.text}`,
  bad(kind, { latest }) {
    const at = sqlDate(BASE_MS + latest * 1000);
    const name = badName(kind);
    if (name !== null) return `${at};${CHANNEL};${name};${CHANNEL};hello`;
    switch (kind) {
      case 'dateImpossible':
        return `2023-13-45 99:99:99;${CHANNEL};someone;${CHANNEL};hello`;
      case 'timeNeg':
        return `1970-01-01 00:00:00;${CHANNEL};someone;${CHANNEL};hello`;
      case 'backInTime':
        return latest >= 7300
          ? `${sqlDate(BASE_MS + (latest - 7200) * 1000)};${CHANNEL};someone;${CHANNEL};hello`
          : null;
      case 'channelPath':
        return `${at};${HOSTILE_CHANNEL};someone;${CHANNEL};hello`;
      case 'hugeLine':
        return `${at};${CHANNEL};someone;${CHANNEL};${HUGE}`;
      case 'notRecord':
        return 'garbage without separators';
      case 'emptyText':
        return `${at};${CHANNEL};someone;${CHANNEL};`;
      default:
        return null;
    }
  },
  noise: () => [],
};

const jsonlMessage = (o: {
  id: string;
  uid: string;
  login: string;
  display: string;
  text: string;
  ts: number;
  elapsed: number;
  channel?: string;
}) =>
  JSON.stringify({
    kind: 'message',
    id: o.id,
    channel: o.channel ?? CHANNEL,
    ts: o.ts,
    elapsed: o.elapsed,
    user: { id: o.uid, login: o.login, displayName: o.display },
    text: o.text,
    emotes: [],
    badges: {},
    flags: { action: false, cheer: false, command: false, bot: false },
    bits: 0,
    replyParentId: null,
    deleted: false,
  });

const jsonl: FormatWriter = {
  format: 'jsonl',
  kind: 'lines',
  hasMeta: true,
  fileName: (seed) => `export-${seed}.jsonl`,
  channel: () => CHANNEL,
  head: (badMeta) =>
    JSON.stringify({
      kind: 'stream',
      version: 1,
      stream: {
        id: 'old',
        channel: badMeta ? HOSTILE_CHANNEL : CHANNEL,
        source: 'import',
        title: 'fuzz',
        startedAt: BASE_MS,
        absoluteTime: true,
        importFormat: null,
      },
    }),
  tail: () => '',
  good: (r) => jsonlMessage({ ...r, ts: BASE_MS + r.t * 1000, elapsed: r.t }),
  bad(kind, { latest }) {
    const base = {
      id: 'bad',
      uid: '9',
      login: 'someone',
      display: 'Someone',
      text: 'hello',
      ts: BASE_MS + latest * 1000,
      elapsed: latest,
    };
    const name = badName(kind);
    if (name !== null) return jsonlMessage({ ...base, login: name });
    switch (kind) {
      case 'displayCtrl':
        return jsonlMessage({ ...base, display: 'Nul\u0000Name' });
      case 'timeHuge':
        return jsonlMessage({ ...base, ts: 1e20 });
      case 'timeNeg':
        return jsonlMessage({ ...base, ts: -1000 });
      case 'timeInf':
        return jsonlMessage({ ...base, ts: 1.79e308 });
      case 'elapsedHuge':
        return jsonlMessage({ ...base, elapsed: 1e9 });
      case 'backInTime':
        return latest >= 7300
          ? jsonlMessage({ ...base, ts: BASE_MS + (latest - 7200) * 1000, elapsed: latest - 7200 })
          : null;
      case 'channelPath':
        return jsonlMessage({ ...base, channel: HOSTILE_CHANNEL });
      case 'hugeLine':
        return jsonlMessage({ ...base, text: HUGE });
      case 'deepNesting':
        return '['.repeat(100_000) + ']'.repeat(100_000);
      case 'notRecord':
        return '{not json';
      case 'scalarRecord':
        return '42';
      case 'emptyText':
        return jsonlMessage({ ...base, text: '' });
      default:
        return null;
    }
  },
  noise: () => [],
};

const tdComment = (o: {
  id: string;
  uid: string;
  login: string;
  display: string;
  text: string;
  offset: number;
  created: string;
}) =>
  JSON.stringify({
    _id: o.id,
    created_at: o.created,
    content_offset_seconds: o.offset,
    commenter: { display_name: o.display, _id: o.uid, name: o.login },
    message: {
      body: o.text,
      fragments: [{ text: o.text, emoticon: null }],
      user_badges: [{ _id: 'subscriber', version: '12' }],
      bits_spent: 0,
    },
  });

const twitchDownloaderJson: FormatWriter = {
  format: 'twitchdownloader-json',
  kind: 'json',
  hasMeta: true,
  fileName: (seed) => `fallback_${seed}.json`,
  channel: (fileName, badMeta) => (badMeta ? nameOf(fileName) : CHANNEL),
  head: (badMeta) =>
    `{"FileInfo":{"Version":{"Major":1,"Minor":10}},"streamer":${JSON.stringify({ name: badMeta ? HOSTILE_CHANNEL : CHANNEL, id: 1 })},` +
    `"video":{"title":"fuzz","created_at":"${iso(BASE_MS)}","start":0,"end":99999},"comments":[`,
  // embeddedData is skipped unread: deep nesting and size there cost nothing and are no error.
  tail: () => `],"embeddedData":{"firstParty":${'['.repeat(5000)}"${'A'.repeat(2000)}"${']'.repeat(5000)}}}`,
  good: (r) => tdComment({ ...r, offset: r.t, created: iso(BASE_MS + r.t * 1000) }),
  bad(kind, { latest }) {
    const base = {
      id: 'bad',
      uid: '9',
      login: 'someone',
      display: 'Someone',
      text: 'hello',
      offset: latest,
      created: iso(BASE_MS + latest * 1000),
    };
    const name = badName(kind);
    if (name !== null) return tdComment({ ...base, login: name });
    switch (kind) {
      case 'displayCtrl':
        return tdComment({ ...base, display: 'Bell\u0007' });
      case 'timeHuge':
        return tdComment({ ...base, offset: 1e20 });
      case 'timeNeg':
        return tdComment({ ...base, offset: -1000 });
      case 'timeInf':
        return tdComment({ ...base, offset: 1.79e308 });
      case 'elapsedHuge':
        return tdComment({ ...base, offset: 1e9 });
      case 'dateImpossible':
        return tdComment({ ...base, created: '2023-13-45T99:99:99Z' });
      case 'backInTime':
        return latest >= 7300
          ? tdComment({ ...base, offset: latest - 7200, created: iso(BASE_MS + (latest - 7200) * 1000) })
          : null;
      case 'hugeLine':
        return tdComment({ ...base, text: HUGE });
      case 'deepNesting':
        return `{"x":${DEEP}}`;
      case 'notRecord':
        return '{"a": tru}';
      case 'scalarRecord':
        return '42';
      case 'emptyText':
        return tdComment({ ...base, text: '' });
      default:
        return null;
    }
  },
  noise: () => [],
};

const cdItem = (o: {
  id: string;
  uid: string;
  login: string;
  display: string;
  text: string;
  t: number;
  timestamp?: number;
}) =>
  JSON.stringify({
    message_id: o.id,
    message: o.text,
    timestamp: o.timestamp ?? (BASE_MS + o.t * 1000) * 1000,
    time_in_seconds: o.t,
    author: { id: o.uid, name: o.login, display_name: o.display },
    message_type: 'text_message',
  });

const chatDownloaderJson: FormatWriter = {
  format: 'chat-downloader-json',
  kind: 'json',
  hasMeta: false,
  fileName: (seed) => `cd_${seed}.json`,
  channel: (fileName) => nameOf(fileName),
  head: () => '[',
  tail: () => ']',
  good: (r) => cdItem(r),
  bad(kind, { latest }) {
    const base = { id: 'bad', uid: '9', login: 'someone', display: 'Someone', text: 'hello', t: latest };
    const name = badName(kind);
    if (name !== null) return cdItem({ ...base, login: name });
    switch (kind) {
      case 'displayCtrl':
        return cdItem({ ...base, display: 'Esc\u001b[31m' });
      case 'timeHuge':
        return cdItem({ ...base, timestamp: 1e20 });
      case 'timeNeg':
        return cdItem({ ...base, timestamp: -1000 });
      case 'timeInf':
        return cdItem({ ...base, t: 1.79e308 });
      case 'elapsedHuge':
        return cdItem({ ...base, t: 1e9 });
      case 'backInTime':
        return latest >= 7300 ? cdItem({ ...base, t: latest - 7200 }) : null;
      case 'hugeLine':
        return cdItem({ ...base, text: HUGE });
      case 'deepNesting':
        return `{"x":${DEEP}}`;
      case 'notRecord':
        return '{"a": tru}';
      case 'scalarRecord':
        return '42';
      case 'emptyText':
        return cdItem({ ...base, text: '' });
      default:
        return null;
    }
  },
  noise: () => [
    JSON.stringify({ message_type: 'subscription', message: null, author: { name: 'x' }, timestamp: BASE_MS * 1000 }),
  ],
};

/** One writer per format the importers read: the fuzz test covers all seven. */
export const FORMAT_WRITERS: readonly FormatWriter[] = [
  twitchDownloaderTxt,
  chatterino,
  irc,
  csv,
  jsonl,
  twitchDownloaderJson,
  chatDownloaderJson,
];

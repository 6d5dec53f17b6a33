/** Numbers, shares, durations, sizes and dates written the way a locale writes them (`Intl`, no hard-coded format). */
export interface Formatters {
  /** `1 234` (fr-FR), `1,234` (en-US); `digits` caps the decimals (default 0 for integers, else 1). */
  number(value: number, digits?: number): string;
  /** `part` as a share of `whole` with at most one decimal: `12,5 %`, `50 %`; `—` when `whole` is 0. */
  share(part: number, whole: number): string;
  /** A fraction (0..1) as a percentage with one decimal: `12,3 %`. */
  percent(fraction: number): string;
  /** Milliseconds under a second (`340 ms`), else seconds with one decimal (`1,2 s`); `—` when unknown. */
  ms(ms: number | null): string;
  /** A span of seconds in a few words: `45 s`, `4 min 10 s`, `1 h 05 min`; `—` when unknown. */
  duration(seconds: number | null | undefined): string;
  /** Minutes with at most one decimal: `2,5 min`. */
  minutes(minutes: number): string;
  /** Byte counts in decimal units: `12,3 Mo` (fr), `12.3 MB` (en). */
  bytes(bytes: number): string;
  /** A score with two significant digits (scores span orders of magnitude): `0,88`, `0,0043`. */
  score(score: number): string;
  /** A value with two decimals, `—` when unknown (silhouettes). */
  fixed2(value: number | null): string;
  /** A wall-clock time of day: `21:40:12` (fr), `9:40:12 PM` (en). */
  time(epochMs: number): string;
  /** A date and time: `06/12/2026 21:40`; `—` when absent, the input when it is not a date. */
  dateTime(instant: number | string | null | undefined): string;
}

const DASH = '—';

/**
 * The formatters of one `Intl` locale tag. Formatters are built once per locale (building an `Intl` object is the
 * costly part).
 * @example createFormatters('fr-FR').share(1, 8) // '12,5 %'
 */
export function createFormatters(tag: string): Formatters {
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const byDigits = new Map<number, Intl.NumberFormat>();
  const withDigits = (digits: number) => {
    let format = byDigits.get(digits);
    if (!format) byDigits.set(digits, (format = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
    return format;
  };
  const percent1 = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const percent1Fixed = new Intl.NumberFormat(tag, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const twoDecimals = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const significant2 = new Intl.NumberFormat(tag, { maximumSignificantDigits: 2 });
  const unit = (name: string, digits: number) =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits });
  const ms0 = unit('millisecond', 0);
  const ms1 = unit('millisecond', 1);
  const s0 = unit('second', 0);
  const s1 = unit('second', 1);
  const min1 = unit('minute', 1);
  const hour0 = unit('hour', 0);
  const byteUnits = [
    new Intl.NumberFormat(tag, { style: 'unit', unit: 'byte', unitDisplay: 'long' }),
    unit('kilobyte', 1),
    unit('megabyte', 1),
    unit('gigabyte', 2),
  ];
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' });
  const twoDigitMinutes = new Intl.NumberFormat(tag, { minimumIntegerDigits: 2, style: 'unit', unit: 'minute' });
  const twoDigitSeconds = new Intl.NumberFormat(tag, { minimumIntegerDigits: 2, style: 'unit', unit: 'second' });

  return {
    number: (value, digits) =>
      digits === undefined
        ? (Number.isInteger(value) ? integer : oneDecimal).format(value)
        : withDigits(digits).format(value),
    share: (part, whole) => {
      if (!(whole > 0)) return DASH;
      return percent1.format(part / whole);
    },
    percent: (fraction) => percent1Fixed.format(fraction),
    ms: (ms) => {
      if (ms === null || !Number.isFinite(ms)) return DASH;
      if (ms < 10) return ms1.format(ms);
      if (ms < 1000) return ms0.format(Math.round(ms));
      return s1.format(ms / 1000);
    },
    duration: (seconds) => {
      if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return DASH;
      const s = Math.round(seconds);
      if (s < 60) return s0.format(s);
      if (s < 3600) return `${integer.format(Math.floor(s / 60))} min ${twoDigitSeconds.format(s % 60)}`;
      return `${hour0.format(Math.floor(s / 3600))} ${twoDigitMinutes.format(Math.floor((s % 3600) / 60))}`;
    },
    minutes: (minutes) => min1.format(minutes),
    bytes: (bytes) => {
      const power = bytes < 1e3 ? 0 : bytes < 1e6 ? 1 : bytes < 1e9 ? 2 : 3;
      return byteUnits[power]!.format(bytes / 1e3 ** power);
    },
    score: (score) => {
      if (!Number.isFinite(score)) return DASH;
      return Math.abs(score) >= 1 ? twoDecimals.format(score) : significant2.format(score);
    },
    fixed2: (value) => {
      if (value === null || !Number.isFinite(value)) return DASH;
      // -0.001 would print as `-0,00`.
      return twoDecimals.format(Math.abs(value) < 0.005 ? 0 : value);
    },
    time: (epochMs) => time.format(epochMs),
    dateTime: (instant) => {
      if (instant === null || instant === undefined || instant === '') return DASH;
      const d = new Date(instant);
      return Number.isNaN(d.getTime()) ? String(instant) : dateTime.format(d);
    },
  };
}

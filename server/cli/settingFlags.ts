import type { ParseArgsConfig } from 'node:util';
import type { SettingInfo } from '../config/settings';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * `parseArgs` options for every setting that has a flag: its kebab-case name and older aliases; booleans as
 * `--x` and `--no-x`; lists repeatable (and comma-separated, as in the environment).
 */
export function settingFlagOptions(settings: readonly SettingInfo[]): FlagOptions {
  const options: FlagOptions = {};
  for (const s of settings) {
    if (s.flag === null) continue;
    for (const name of [s.flag, ...s.aliases]) {
      if (s.kind === 'boolean') {
        options[name] = { type: 'boolean' };
        options[`no-${name}`] = { type: 'boolean' };
      } else options[name] = s.kind === 'list' ? { type: 'string', multiple: true } : { type: 'string' };
    }
  }
  return options;
}

/**
 * The configuration overrides the parsed flags give (`loadConfig`'s first argument): only settings whose flag was
 * given; values stay strings for the schema to convert and check.
 */
export function settingOverrides(settings: readonly SettingInfo[], values: FlagValues): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const s of settings) {
    if (s.flag === null) continue;
    const names = [s.flag, ...s.aliases];
    if (s.kind === 'boolean') {
      if (names.some((n) => values[`no-${n}`] === true)) overrides[s.key] = false;
      else if (names.some((n) => values[n] === true)) overrides[s.key] = true;
    } else if (s.kind === 'list') {
      const given = names.flatMap((n) => (values[n] as string[] | undefined) ?? []);
      if (given.length > 0)
        overrides[s.key] = given
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean);
    } else {
      const given = names.map((n) => values[n]).find((v) => v !== undefined);
      if (given !== undefined) overrides[s.key] = given;
    }
  }
  return overrides;
}

function valueName(s: SettingInfo): string {
  if (s.kind === 'number') return 'N';
  if (s.kind === 'enum') return (s.values ?? []).join('|');
  if (s.kind === 'list') return 'A';
  return 'S';
}

/** One help line per flag: the flag, its value, what it does, its default (column-aligned). */
export function settingFlagUsage(settings: readonly SettingInfo[]): string {
  const rows = settings
    .filter((s) => s.flag !== null)
    .map((s) => {
      const flag =
        s.kind === 'boolean'
          ? `--[no-]${s.flag}`
          : `--${s.flag} ${valueName(s)}${s.kind === 'list' ? ' (repeat)' : ''}`;
      const shown =
        s.defaultText ??
        (Array.isArray(s.defaultValue)
          ? s.defaultValue.length === 0
            ? 'none'
            : s.defaultValue.join(',')
          : s.defaultValue);
      const def =
        shown === undefined
          ? ''
          : ` (default ${String(shown).replace(/`/g, '')}${s.unit && s.defaultText === undefined ? ` ${s.unit}` : ''})`;
      const also = s.aliases.length > 0 ? ` (also ${s.aliases.map((a) => `--${a}`).join(', ')})` : '';
      return [flag, `${s.doc.replace(/`/g, '')}${def}${also}`] as const;
    });
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)) + 2);
  return rows
    .map(([flag, text]) => `  ${flag.padEnd(width)}${flag.length + 2 > width ? `\n  ${' '.repeat(width)}` : ''}${text}`)
    .join('\n');
}

import type { z } from 'zod';
import { configSchema } from './schema';
import { setting, type SettingMeta } from './settingMeta';

/** How a setting's value is written in the environment and on the command line. */
export type SettingKind = 'boolean' | 'list' | 'number' | 'enum' | 'string';

/** Everything known about one setting, derived from the schema and its metadata. */
export interface SettingInfo extends Omit<SettingMeta, 'flag'> {
  key: string;
  /** `CHAT_TOPICS_` + the key in SCREAMING_SNAKE_CASE. */
  env: string;
  /** `serve` flag without `--` (booleans also take `no-<flag>`); null: environment only. */
  flag: string | null;
  aliases: readonly string[];
  kind: SettingKind;
  /** The schema's default (undefined when the setting has none). */
  defaultValue: unknown;
  /** The allowed values of an enum. */
  values?: readonly string[];
}

/** Environment variable of a setting: `CHAT_TOPICS_` + the key in SCREAMING_SNAKE_CASE. */
export function envName(key: string): string {
  return 'CHAT_TOPICS_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}

/** A setting's `serve` flag (without `--`): the key in kebab-case. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

interface FieldDef {
  type: string;
  innerType?: { _zod: { def: FieldDef } };
  defaultValue?: unknown;
  entries?: Record<string, string>;
}

/** The field's type under its default / optional wrappers, and its default. */
function unwrap(field: z.ZodType): { def: FieldDef; defaultValue: unknown } {
  let def = (field as unknown as { _zod: { def: FieldDef } })._zod.def;
  let defaultValue: unknown;
  while ((def.type === 'default' || def.type === 'optional') && def.innerType) {
    if (def.type === 'default') defaultValue = def.defaultValue;
    def = def.innerType._zod.def;
  }
  return { def, defaultValue };
}

const KINDS: Record<string, SettingKind> = { boolean: 'boolean', array: 'list', number: 'number', enum: 'enum' };

/**
 * Every setting of the configuration schema, in schema order, with its environment variable, flag, kind, default
 * and documentation.
 * @throws Error naming a setting registered without metadata (add `.register(setting, { doc })` in `schema.ts`)
 */
export function describeSettings(schema: z.ZodObject = configSchema): SettingInfo[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    const meta = setting.get(field as z.ZodType);
    if (meta === undefined)
      throw new Error(
        `setting ${key} has no metadata: add .register(setting, { doc: ... }) in server/config/schema.ts`,
      );
    const { def, defaultValue } = unwrap(field as z.ZodType);
    const { flag, aliases, ...rest } = meta;
    return {
      ...rest,
      key,
      env: envName(key),
      flag: flag === false ? null : flagName(key),
      aliases: aliases ?? [],
      kind: KINDS[def.type] ?? 'string',
      defaultValue,
      ...(def.entries ? { values: Object.values(def.entries) } : {}),
    };
  });
}

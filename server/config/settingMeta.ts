import { z } from 'zod';

/**
 * What the configuration schema says about each setting besides its type and default: the one place the README's
 * configuration table, `serve`'s flags and their help, and the environment variables are derived from.
 */
export interface SettingMeta {
  /** One line for the README table and `chat-topics help serve`. */
  doc: string;
  /** Unit of a number shown next to its default (`ms`, `s`, `min`, `MB`...). */
  unit?: string;
  /** The default in words, where the schema's value is not the whole story (derived from another setting, random). */
  defaultText?: string;
  /**
   * False: no `serve` flag, only the environment variable (a token on the command line shows in `ps`). Otherwise the
   * flag is the key in kebab-case (`dataDir` -> `--data-dir`); booleans also get `--no-<flag>`.
   */
  flag?: false;
  /** Earlier flag names still accepted (`--db` for `--db-path`). */
  aliases?: readonly string[];
}

/** The registry the schema's fields are registered in (`.register(setting, { doc: ... })`). */
export const setting = z.registry<SettingMeta>();

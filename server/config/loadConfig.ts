import path from 'node:path';

import { configSchema, type AppConfig } from './schema';
import { ConfigError } from '../errors';
import { describeSettings, envName, flagName } from './settings';
import { isBlankNumber, settingIssueText } from './settingIssue';

export { envName };

function parseBool(value: string, where: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${where}: expected true or false, got "${value}"`);
}

/**
 * Builds the validated configuration: schema defaults, then environment variables, then explicit overrides
 * (CLI flags). Throws a `ConfigError` naming every invalid setting and where it came from.
 *
 * @param overrides values from CLI flags (already typed)
 * @param env the environment to read (pass `process.env` from the composition root)
 * @example loadConfig({ port: 0, demo: false }, process.env)
 */
export function loadConfig(overrides: Record<string, unknown>, env: NodeJS.ProcessEnv): AppConfig {
  const fromEnv: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const { key, env: name, kind } of describeSettings(configSchema)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    origin[key] = `environment variable ${name}`;
    if (kind === 'list')
      fromEnv[key] = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (kind === 'boolean') fromEnv[key] = parseBool(raw, name);
    else fromEnv[key] = raw;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) origin[key] = `flag --${flagName(key)}`;
  }
  const merged: Record<string, unknown> = {
    ...fromEnv,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const blank = describeSettings(configSchema)
    .filter((s) => isBlankNumber(s.kind, merged[s.key]))
    .map((s) => `- ${s.key} (${origin[s.key] ?? 'default'}): ${JSON.stringify(merged[s.key])} is not a number`);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success || blank.length > 0) {
    const lines = (parsed.error?.issues ?? []).map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `- ${key} (${origin[key] ?? 'default'}): ${settingIssueText(issue, merged[key])}`;
    });
    throw new ConfigError(`Invalid configuration:\n${[...blank, ...lines].join('\n')}`);
  }
  return parsed.data;
}

/** The archive path the configuration resolves to. */
export function archivePath(config: AppConfig): string {
  return config.dbPath ?? path.join(config.dataDir, 'archive.sqlite');
}

/** Where the archive is: the PostgreSQL URL when `databaseUrl` is set, else the SQLite file (`archivePath`). */
export function archiveLocation(config: AppConfig): string {
  return config.databaseUrl ?? archivePath(config);
}

export type { AppConfig };

/** The model registry directory: `modelsDir`, or `<dataDir>/models`. */
export function modelsPath(config: AppConfig): string {
  return config.modelsDir ?? path.join(config.dataDir, 'models');
}

/**
 * Where the stored whole-stream analyses (the analyst's workspace) are: `analysesDir`; else the PostgreSQL database of
 * `databaseUrl` (shared with the archive and every node); else `<dataDir>/analyses`. A directory or a URL, as
 * `openAnalysisStore` takes it.
 */
export function analysesPath(config: AppConfig): string {
  return config.analysesDir ?? config.databaseUrl ?? path.join(config.dataDir, 'analyses');
}

/** The training jobs directory: `trainingDir`, or `<dataDir>/training`. */
export function trainingPath(config: AppConfig): string {
  return config.trainingDir ?? path.join(config.dataDir, 'training');
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig';
import { describeSettings } from '../config/settings';
import { UsageError } from '../errors';
import { parseFlags } from './parseFlags';
import { settingFlagOptions, settingFlagUsage, settingOverrides } from './settingFlags';

const SETTINGS = describeSettings();
const NO_ENV = {} as NodeJS.ProcessEnv;

/** The configuration `serve` builds from these flags. */
function serveConfig(argv: string[], env = NO_ENV) {
  return loadConfig(settingOverrides(SETTINGS, parseFlags(argv, settingFlagOptions(SETTINGS)).values), env);
}

describe('serve flags derived from the configuration schema', () => {
  it('keeps every flag serve had before', () => {
    const config = serveConfig([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--data-dir',
      'state',
      '--db',
      'chat.sqlite',
      '--channel',
      'Zerator',
      '--channel',
      'ponce',
      '--no-demo',
      '--demo-rate',
      '8',
      '--demo-seed',
      '7',
      '--log-level',
      'info',
      '--no-topics',
      '--topics-refit-seconds',
      '5',
      '--topics-min-messages',
      '20',
      '--topics-window-minutes',
      '3',
      '--topics-window-messages',
      '500',
      '--embed-model',
      'bow',
      '--embed-threads',
      '1',
      '--dev',
      '--build-if-needed',
      '--admin-password',
      'correct horse',
    ]);
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: 'state',
      dbPath: 'chat.sqlite',
      channels: ['zerator', 'ponce'],
      demo: false,
      demoRate: 8,
      demoSeed: 7,
      logLevel: 'info',
      topics: false,
      topicsRefitSeconds: 5,
      topicsMinMessages: 20,
      topicsWindowMinutes: 3,
      topicsWindowMessages: 500,
      embedModel: 'bow',
      embedThreads: 1,
      dev: true,
      buildIfNeeded: true,
      adminPassword: 'correct horse',
    });
  });

  it('takes every other setting too (the quotas were environment-only), flags winning over the environment', () => {
    const config = serveConfig(
      [
        '--max-replays',
        '2',
        '--socket-event-rate',
        '5',
        '--import-max-concurrent',
        '3',
        '--allowed-hosts',
        'a.lan,b.lan',
        '--no-operators-local',
      ],
      {
        CHAT_TOPICS_MAX_REPLAYS: '9',
        CHAT_TOPICS_MAX_LIVE_CHANNELS: '7',
      } as unknown as NodeJS.ProcessEnv,
    );
    expect(config).toMatchObject({
      maxReplays: 2,
      maxLiveChannels: 7,
      socketEventRate: 5,
      importMaxConcurrent: 3,
      allowedHosts: ['a.lan', 'b.lan'],
      operatorsLocal: false,
    });
    const withFlag = SETTINGS.filter((s) => s.flag !== null).map((s) => s.key);
    expect(SETTINGS.filter((s) => !withFlag.includes(s.key)).map((s) => s.key)).toEqual([
      'operatorToken',
      'twitchToken',
      'embedToken',
      // A Redis or PostgreSQL URL may hold a password.
      'redisUrl',
      'databaseUrl',
    ]);
  });

  it('refuses tokens on the command line and names a bad flag value', () => {
    expect(() => serveConfig(['--twitch-token', 'oauth:x'])).toThrow(UsageError);
    expect(() => serveConfig(['--max-replays', 'many'])).toThrow(/maxReplays \(flag --max-replays\)/);
  });

  it('lists every flag in the help, with its default and unit', () => {
    const usage = settingFlagUsage(SETTINGS);
    for (const s of SETTINGS.filter((x) => x.flag !== null))
      expect(usage).toContain(`--${s.kind === 'boolean' ? '[no-]' : ''}${s.flag}`);
    expect(usage).toMatch(/--import-max-mb N +largest file the import form accepts \(default 200 MB\)/);
    expect(usage).toContain('(also --db)');
  });
});

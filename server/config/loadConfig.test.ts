import { describe, expect, it } from 'vitest';
import { analysesPath, archiveLocation, archivePath, envName, loadConfig } from './loadConfig';

describe('loadConfig', () => {
  it('has documented defaults: quiet logs, demo on, port 3000, archive under ./data', () => {
    const c = loadConfig({}, {} as NodeJS.ProcessEnv);
    expect(c).toMatchObject({ port: 3000, demo: true, logLevel: 'warn', streamSilenceMinutes: 30, channels: [] });
    expect(archivePath(c)).toBe('data/archive.sqlite');
    expect(c.botNames).toContain('nightbot');
  });

  it('reads CHAT_TOPICS_* variables, and flags override them', () => {
    expect(envName('demoRate')).toBe('CHAT_TOPICS_DEMO_RATE');
    const env = {
      CHAT_TOPICS_PORT: '4000',
      CHAT_TOPICS_CHANNELS: '#Zerator, ponce',
      CHAT_TOPICS_DEMO: 'off',
    } as unknown as NodeJS.ProcessEnv;
    expect(loadConfig({}, env)).toMatchObject({ port: 4000, channels: ['zerator', 'ponce'], demo: false });
    expect(loadConfig({ port: '5000' }, env).port).toBe(5000);
  });

  it('names every bad setting and where it came from', () => {
    expect(() => loadConfig({ demoRate: '-1' }, { CHAT_TOPICS_PORT: 'http' } as unknown as NodeJS.ProcessEnv)).toThrow(
      /port \(environment variable CHAT_TOPICS_PORT\)[\s\S]*demoRate \(flag --demo-rate\)/,
    );
    expect(() => loadConfig({ channels: ['not a login!'] }, {} as NodeJS.ProcessEnv)).toThrow(
      /channels \(flag --channels\): a Twitch login/,
    );
    expect(() => loadConfig({}, { CHAT_TOPICS_DEV: 'maybe' } as unknown as NodeJS.ProcessEnv)).toThrow(
      /CHAT_TOPICS_DEV: expected true or false/,
    );
  });

  it('names the value a number setting refused, never NaN, and refuses a blank one instead of reading 0', () => {
    const refusal = (overrides: Record<string, unknown>, env = {}) => {
      try {
        loadConfig(overrides, env as NodeJS.ProcessEnv);
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ port: 'abc' })).toContain('port (flag --port): "abc" is not a number');
    expect(refusal({}, { CHAT_TOPICS_DEMO_RATE: 'fast' })).toContain(
      'demoRate (environment variable CHAT_TOPICS_DEMO_RATE): "fast" is not a number',
    );
    expect(refusal({ port: '1.5' })).toContain('port (flag --port): "1.5" is not a whole number');
    expect(refusal({ port: '70000' })).toMatch(/port \(flag --port\): "70000": too big.*65535/i);
    expect(refusal({ port: ' ' })).toContain('port (flag --port): " " is not a number');
    expect(refusal({ port: 'abc' })).not.toMatch(/NaN/);
  });

  it('puts the archive on PostgreSQL and the analyses in a shared directory only when told, from the environment', () => {
    const alone = loadConfig({}, {} as NodeJS.ProcessEnv);
    expect(archiveLocation(alone)).toBe(archivePath(alone));
    expect(analysesPath(alone)).toMatch(/data[/\\]analyses$/);
    const node = loadConfig({}, {
      CHAT_TOPICS_DATABASE_URL: 'postgres://chat:pw@db/archive',
      CHAT_TOPICS_ANALYSES_DIR: '/shared/analyses',
    } as unknown as NodeJS.ProcessEnv);
    expect(archiveLocation(node)).toBe('postgres://chat:pw@db/archive');
    expect(analysesPath(node)).toBe('/shared/analyses');
    expect(() =>
      loadConfig({}, { CHAT_TOPICS_DATABASE_URL: 'mysql://db/archive' } as unknown as NodeJS.ProcessEnv),
    ).toThrow(/databaseUrl/);
  });
});

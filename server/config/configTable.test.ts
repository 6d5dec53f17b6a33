import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configMarkdownTable, replaceConfigTable, TABLE_END, TABLE_START } from './configTable';
import { setting } from './settingMeta';
import { describeSettings } from './settings';

const README = new URL('../../README.md', import.meta.url);

describe('configuration table', () => {
  it("is the README's table: run `chat-topics config --markdown --write README.md` after changing a setting", () => {
    const readme = fs.readFileSync(README, 'utf8');
    const table = configMarkdownTable(describeSettings());
    expect(readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END) + TABLE_END.length)).toBe(table);
  });

  it('has one row per setting, with its environment variable, flag, default and unit', () => {
    const table = configMarkdownTable(describeSettings());
    expect(
      table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| setting') && !l.startsWith('| ---')),
    ).toHaveLength(describeSettings().length);
    expect(table).toContain('| importMaxMb | `CHAT_TOPICS_IMPORT_MAX_MB` | `--import-max-mb` | `200` MB |');
    expect(table).toContain('| demo | `CHAT_TOPICS_DEMO` | `--no-demo` | `true` |');
    expect(table).toContain(
      '| channels | `CHAT_TOPICS_CHANNELS` (comma-separated) | `--channels`, `--channel` (repeat) | none |',
    );
    expect(table).toContain('| twitchToken | `CHAT_TOPICS_TWITCH_TOKEN` | — | — |');
  });

  it('replaces only the table of a text, and refuses a text without one', () => {
    const schema = z.object({
      answerSeconds: z.coerce.number().default(42).register(setting, { doc: 'how long', unit: 's' }),
    });
    const text = `intro\n${TABLE_START}\nold\n${TABLE_END}\noutro`;
    const table = configMarkdownTable(describeSettings(schema));
    expect(replaceConfigTable(text, table)).toBe(`intro\n${table}\noutro`);
    expect(table).toContain(
      '| answerSeconds | `CHAT_TOPICS_ANSWER_SECONDS` | `--answer-seconds` | `42` s | how long |',
    );
    expect(() => replaceConfigTable('no table here', table)).toThrow(/no configuration table/);
  });

  it('refuses a setting without metadata, naming it', () => {
    expect(() => describeSettings(z.object({ bare: z.string().optional() }))).toThrow(/setting bare has no metadata/);
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSettings } from './settings';

// The images are configured by environment only (docker/): a setting renamed in the schema must not leave an image
// or the compose file setting a variable nobody reads. They are built and run by hand (docker/compose-smoke.sh), not
// in CI, so this is what catches the drift there.
const files = ['Dockerfile', 'Dockerfile.cuda-base', 'compose.yml'].map((name) => ({
  name,
  text: fs.readFileSync(new URL(`../../docker/${name}`, import.meta.url), 'utf8'),
}));
const known = new Set(describeSettings().map((s) => s.env));

describe('the images and the compose file', () => {
  it('set only environment variables that are settings', () => {
    const used = files.flatMap(({ name, text }) =>
      [...text.matchAll(/\bCHAT_TOPICS_[A-Z0-9_]+/g)].map((m) => `${name}: ${m[0]}`),
    );
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((u) => !known.has(u.slice(u.indexOf(': ') + 2)))).toEqual([]);
  });

  it('give the dashboard every embed server of the compose file as its pool', () => {
    const compose = files.find((f) => f.name === 'compose.yml')!.text;
    const services = [...compose.matchAll(/^ {2}(embed-[a-z0-9-]+):/gm)].map((m) => m[1]!);
    expect(services.length).toBeGreaterThanOrEqual(2);
    const pool = /CHAT_TOPICS_EMBED_MODEL: (http:\/\/\S+)/.exec(compose)![1]!.split(',');
    expect(pool).toEqual(services.map((s) => `http://${s}:8081`));
    expect(compose).toMatch(/'--port', '8081'/);
  });
});

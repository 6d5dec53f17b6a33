import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSettings } from './settings';

// The images are configured by environment only (docker/): a setting renamed in the schema must not leave an image
// or the compose file setting a variable nobody reads. They are built and run by hand (docker/compose-smoke.sh), not
// in CI, so this is what catches the drift there.
const files = ['Dockerfile', 'Dockerfile.cuda-base', 'compose.yml', 'compose.cluster.yml'].map((name) => ({
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

describe('the cluster compose file', () => {
  it('gives every node the same Redis and a node id of its own', () => {
    const compose = files.find((f) => f.name === 'compose.cluster.yml')!.text;
    const nodes = [...compose.matchAll(/^ {2}(node-[a-z0-9-]+):/gm)].map((m) => m[1]!);
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    expect([...compose.matchAll(/CHAT_TOPICS_REDIS_URL: (\S+)/g)].map((m) => m[1])).toEqual(
      nodes.map(() => 'redis://redis:6379'),
    );
    const ids = [...compose.matchAll(/CHAT_TOPICS_NODE_ID: (\S+)/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(nodes.length);
    expect(compose).toMatch(/^ {2}redis:/m);
  });
});

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules live in eslint.config.mjs; these cases prove each rule fires where it should and stays quiet where
// the layering allows the import, so a typo in a glob cannot switch a boundary off unnoticed.
const eslint = new ESLint();

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layer boundaries (eslint.config.mjs)', () => {
  it('keeps the pure core free of node: modules and of the runtime layer, type imports aside', async () => {
    expect(
      await restricted('models/topics/umap/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n"),
    ).toHaveLength(1);
    expect(
      await restricted(
        'models/topics/umap/x.ts',
        "import { loadModelDir } from '../../format/loadModelDir';\nloadModelDir('a');\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'models/bow/x.ts',
        "import type { Embedder } from '../embedding/Embedder';\nexport type E = Embedder;\n",
      ),
    ).toEqual([]);
    // The runtime layer may do I/O.
    expect(
      await restricted('models/format/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n"),
    ).toEqual([]);
  });

  it('lets imports go down the layers only', async () => {
    const [message] = await restricted('models/format/x.ts', "import { main } from '../../server/main';\nmain();\n");
    expect(message).toMatch(/must not import it/);
    expect(await restricted('contracts/x.ts', "import { x } from '../models/errors';\nx();\n")).toHaveLength(1);
    expect(await restricted('server/x.ts', "import { x } from '../app/lib/api';\nx();\n")).toHaveLength(1);
    expect(await restricted('server/x.ts', "import { x } from '../models/errors';\nx();\n")).toEqual([]);
  });

  it('lets the dashboard import the wire contracts only', async () => {
    expect(await restricted('app/lib/x.ts', "import { x } from '../../server/errors';\nx();\n")).toHaveLength(1);
    expect(await restricted('app/lib/x.ts', "import { x } from '../../models/topics';\nx();\n")).toHaveLength(1);
    expect(
      await restricted(
        'app/lib/x.ts',
        "import type { PublicConfig } from '../../contracts/socket-events';\nexport type P = PublicConfig;\n",
      ),
    ).toEqual([]);
  });
});

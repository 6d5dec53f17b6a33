import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTokenIdsFile } from './readTokenIdsFile';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-ids-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

describe('readTokenIdsFile', () => {
  it('reads a list of id lists as is', () => {
    expect(
      readTokenIdsFile(
        file('list.json', [
          [3, 5, 4],
          [3, 4],
        ]),
      ),
    ).toEqual({
      sequences: [
        [3, 5, 4],
        [3, 4],
      ],
    });
  });

  it('cuts fixture-shaped rows to their mask, type ids too', () => {
    const input = {
      input_ids: [
        [3, 7, 4, 0],
        [3, 7, 8, 4],
      ],
      attention_mask: [
        [1, 1, 1, 0],
        [1, 1, 1, 1],
      ],
      token_type_ids: [
        [0, 0, 0, 0],
        [0, 0, 1, 1],
      ],
    };
    expect(readTokenIdsFile(file('fixture.json', input))).toEqual({
      sequences: [
        [3, 7, 4],
        [3, 7, 8, 4],
      ],
      typeIds: [
        [0, 0, 0],
        [0, 0, 1, 1],
      ],
    });
  });

  it('names the file and the field at fault', () => {
    const cases: [unknown, string][] = [
      ['[[1, 2]', 'bad.json: not valid JSON'],
      [{ ids: [[1]] }, 'bad.json: input_ids is missing'],
      [[[1, 2.5]], 'bad.json: ids[0][1] must be an integer'],
      [{ input_ids: [[1, 2]], attention_mask: [[1, 1], [1]] }, 'bad.json: attention_mask has 2 rows, input_ids 1'],
      [
        { input_ids: [[1, 2, 3]], attention_mask: [[1, 1]] },
        'bad.json: attention_mask[0] has 2 values, input_ids[0] 3',
      ],
      [
        { input_ids: [[1, 2, 3]], attention_mask: [[1, 0, 1]] },
        'bad.json: attention_mask[0][2] is 1: expected right padding (1s, then 0s)',
      ],
      [42, 'bad.json: expected a list of token-id lists'],
    ];
    for (const [content, message] of cases)
      expect(() => readTokenIdsFile(file('bad.json', content)), message).toThrow(message);
    expect(() => readTokenIdsFile(path.join(dir, 'missing.json'))).toThrow('missing.json: cannot read it: ENOENT');
  });
});

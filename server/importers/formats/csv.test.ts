import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAll, tempWorkspace } from '../testHelpers';
import { splitCsvRecord } from './csv';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

describe('`;` CSV', () => {
  it('keeps everything after the fourth `;` as the message, and unquotes quoted fields', () => {
    expect(splitCsvRecord('2023-01-02 20:00:00;chan;bob;chan;a;b;;c')).toEqual({
      fields: ['2023-01-02 20:00:00', 'chan', 'bob', 'chan'],
      message: 'a;b;;c',
    });
    expect(splitCsvRecord('"2023-01-02 20:00:00";"chan";"bob";"chan";"il a dit ""oui""; ok"')).toEqual({
      fields: ['2023-01-02 20:00:00', 'chan', 'bob', 'chan'],
      message: 'il a dit "oui"; ok',
    });
    // A quote that does not wrap the whole message is part of it.
    expect(splitCsvRecord('2023-01-02 20:00:00;c;b;c;"lol" ok')).toMatchObject({ message: '"lol" ok' });
  });

  it('reads a file: header, channel column, UTC dates, `;` in messages, a quoted message over two lines, bad rows', async () => {
    const file = ws.write(
      'export.csv',
      [
        'published_datetime;channel;username;channel_2;message',
        '2023-01-02 20:00:00;#PopCorn;Alice;popcorn;salut; ça va ?',
        '2023-01-02 20:00:05;popcorn;bob;popcorn;"ligne un',
        'ligne deux"',
        'yesterday;popcorn;carol;popcorn;hmm',
        '2023-01-02T20:00:10.500Z;popcorn;dave;popcorn;"fin"',
      ].join('\n'),
    );
    const { messages, issues, stream } = await parseAll(file);
    const t0 = Date.UTC(2023, 0, 2, 20, 0, 0);
    expect(stream).toMatchObject({ channel: 'popcorn', startedAt: t0, absoluteTime: true, importFormat: 'csv' });
    expect(messages.map((m) => [m.id, m.user.login, m.text, m.elapsed])).toEqual([
      ['l2', 'alice', 'salut; ça va ?', 0],
      ['l3', 'bob', 'ligne un\nligne deux', 5],
      ['l6', 'dave', 'fin', 10.5],
    ]);
    expect(issues).toEqual([{ line: 5, reason: 'published_datetime `yesterday` is not a date' }]);
  });

  it('does not let a stray opening quote swallow the next records', async () => {
    const file = ws.write(
      'q.csv',
      [
        'published_datetime;channel;username;channel_2;message',
        '2023-01-02 20:00:00;c;a;c;"quoi',
        '2023-01-02 20:00:01;c;b;c;rien',
      ].join('\n'),
    );
    const { messages } = await parseAll(file);
    expect(messages.map((m) => m.text)).toEqual(['"quoi', 'rien']);
  });
});

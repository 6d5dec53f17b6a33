import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairAri } from './pairAgreement';
import { findReferenceSets, readAnnotatedWindows, ReferenceSetError } from './referenceSets';
import { scoreAnnotatedWindows } from './scoreAnnotatedWindows';
import { scoreReferenceTopics } from './scoreReferenceTopics';

describe('scoreReferenceTopics', () => {
  it('matches messages by trimmed text in order and counts pairs of one reference label', () => {
    const messages = [
      { text: 'gg ', topic: 0 },
      { text: 'gg', topic: 0 },
      { text: 'gg', topic: 1 },
      { text: 'mdr', topic: -1 },
      { text: 'unmatched', topic: 2 },
    ];
    const reference = [
      { text: 'gg', label: 'a' },
      { text: 'gg', label: 'a' },
      { text: 'gg', label: 'a' },
      { text: 'mdr', label: 'a' },
      { text: 'absent', label: 'b' },
    ];
    const s = scoreReferenceTopics(messages, reference);
    expect(s.matched).toBe(4);
    // reference pairs: C(4,2) = 6; ours both ways: the two topic-0 messages = 1; ours: topic 0 has 1 pair.
    expect(s.pairRecall).toBeCloseTo(1 / 6, 12);
    expect(s.pairPrecision).toBe(1);
    expect(s.noiseRate).toBe(0.25);
    expect(s.topics).toBe(2);
    expect(s.splitDuplicates).toBe(1);
    expect(s.duplicateGroups).toBe(1);
  });

  it('gives ARI 1 and F1 1 for the reference partition itself', () => {
    const reference = ['a', 'a', 'b', 'b', 'b', 'c'].map((label, i) => ({ text: `m${i}`, label }));
    const s = scoreReferenceTopics(
      reference.map((r) => ({ text: r.text, topic: r.label.charCodeAt(0) })),
      reference,
    );
    expect(s.ari).toBe(1);
    expect(s.pairF1).toBe(1);
  });
});

describe('pairAri', () => {
  it('agrees with a hand computation', () => {
    // contingency [[2,0],[1,1]]: sum C = 1; rows C(2)+C(2) = 2; cols C(3)+C(1) = 3; n = 4, C(4) = 6
    // expected = 2*3/6 = 1; max = 2.5; ARI = (1-1)/(2.5-1) = 0
    expect(pairAri(['x', 'x', 'y', 'y'], [1, 1, 1, 2])).toBe(0);
    expect(pairAri([1, 2, 3], [1, 2, 3])).toBe(1);
  });
});

describe('scoreAnnotatedWindows', () => {
  const windows = [
    {
      from: 0,
      to: 60,
      messages: [
        { elapsed: 1.2, text: 'loi chasse', topic: 'chasse' },
        { elapsed: 2, text: 'la chasse', topic: 'chasse' },
        { elapsed: 3, text: 'mdr', topic: 'rire' },
        { elapsed: 4, text: 'ptdr', topic: 'rire' },
        { elapsed: 5, text: 'salut', topic: 'none' },
      ],
    },
  ];

  it('scores pairs within each window, none and noise never pairing', () => {
    const messages = [
      { elapsed: 1.9, text: 'loi chasse ', group: 7 },
      { elapsed: 2, text: 'la chasse', group: 7 },
      { elapsed: 3, text: 'mdr', group: 7 },
      { elapsed: 4, text: 'ptdr', group: -1 },
      { elapsed: 5, text: 'salut', group: 7 },
    ];
    const s = scoreAnnotatedWindows(messages, windows);
    expect(s.matched).toBe(5);
    // truth pairs: chasse 1 + rire 1 = 2; ours: group 7 has 4 members = 6 pairs; both: chasse pair only.
    expect(s.pairRecall).toBe(0.5);
    expect(s.pairPrecision).toBeCloseTo(1 / 6, 12);
    expect(s.pairF1).toBeCloseTo((2 * 0.5 * (1 / 6)) / (0.5 + 1 / 6), 12);
  });

  it('skips messages the analysis left out and does not match a different second', () => {
    const s = scoreAnnotatedWindows([{ elapsed: 2.1, text: 'loi chasse', group: 0 }], windows);
    expect(s.matched).toBe(0);
  });
});

describe('findReferenceSets', () => {
  it('finds labels beside their chat file and windows whose stream lives in a folder beside', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'refsets-'));
    const ref = path.join(root, 'reference');
    fs.mkdirSync(ref);
    fs.mkdirSync(path.join(root, 'chat'));
    fs.writeFileSync(path.join(ref, 'show.txt'), '[0:00:01] a: hello\n');
    fs.writeFileSync(path.join(ref, 'show.labels.json'), '[]');
    fs.writeFileSync(path.join(root, 'chat', 'vod.txt'), '[0:00:01] a: hello\n');
    fs.writeFileSync(path.join(ref, 'vod.windows.json'), JSON.stringify({ stream: 'vod.txt', windows: [] }));
    fs.writeFileSync(path.join(ref, 'vod2.windows.json'), JSON.stringify({ stream: 'chat/vod.txt', windows: [] }));
    const sets = findReferenceSets(ref);
    expect(sets.map((s) => [s.kind, s.name, path.relative(root, s.chatFile)])).toEqual([
      ['labels', 'show', path.join('reference', 'show.txt')],
      ['windows', 'vod', path.join('chat', 'vod.txt')],
      ['windows', 'vod2', path.join('chat', 'vod.txt')],
    ]);
  });

  it('names the file and the field of a malformed windows file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refsets-'));
    const file = path.join(dir, 'bad.windows.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        stream: 'x.txt',
        windows: [{ from: 0, to: 1, messages: [{ elapsed: 'soon', text: 'a', topic: 'b' }] }],
      }),
    );
    expect(() => readAnnotatedWindows(file)).toThrow(ReferenceSetError);
    expect(() => readAnnotatedWindows(file)).toThrow(/bad\.windows\.json: field windows\.0\.messages\.0\.elapsed/);
  });

  it('names a labels file whose chat file is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refsets-'));
    fs.writeFileSync(path.join(dir, 'lost.labels.json'), '[]');
    expect(() => findReferenceSets(dir)).toThrow(/lost\.labels\.json: no chat file lost\./);
  });
});

// Tokenizer benchmark: encode throughput on simulated French chat, with the fixture tokenizer (260 pieces) and the
// same tokenizer grown to a 30k-piece vocabulary (closer to a real model's), with and without chat preprocessing.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { UnigramTokenizer } from '../models/tokenizer';
import { simulateChat } from '../server/simulator';
import { grownTokenizer } from './grownTokenizer';
import { summary } from './stats';

const FIXTURE = new URL('../test/fixtures/tokenizer-unigram-tiny/tokenizer.json', import.meta.url);

function messagesPerSecond(encode: () => void, count: number): number {
  const started = performance.now();
  encode();
  return count / ((performance.now() - started) / 1000);
}

export async function runTokenizerBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { messages: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
  });
  const lines = [...simulateChat({ seed: 1, ratePerSecond: 20, streamId: 'bench', startedAt: 0, minutes: 60 })]
    .slice(0, Number(values.messages))
    .map((m) => m.text);
  const words = [...new Set(lines.flatMap((l) => l.split(/\s+/)).filter((w) => w.length > 1))];
  const tiny = UnigramTokenizer.fromJson(JSON.parse(fs.readFileSync(FIXTURE, 'utf8')));
  const grown = grownTokenizer(words, 30_000);
  const cases: Record<string, () => void> = {
    'fixture vocab': () => lines.forEach((l) => tiny.encode(l, { maxLength: 128 })),
    'fixture vocab, chat preprocessing': () =>
      lines.forEach((l) => tiny.encode(l, { maxLength: 128, preprocess: true })),
    [`grown vocab (${grown.vocabSize} pieces)`]: () => lines.forEach((l) => grown.encode(l, { maxLength: 128 })),
    [`grown vocab, encodeBatch x64`]: () => {
      for (let i = 0; i < lines.length; i += 64) grown.encodeBatch(lines.slice(i, i + 64), { maxLength: 64 });
    },
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  Object.values(cases).forEach((run) => run()); // warm-up
  // Interleaved runs, so machine noise hits every case alike.
  for (let r = 0; r < Number(values.runs); r++)
    for (const [name, run] of Object.entries(cases)) samples[name]!.push(messagesPerSecond(run, lines.length));
  return {
    suite: 'tokenizer',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    input: {
      messages: lines.length,
      meanChars: lines.reduce((s, l) => s + l.length, 0) / lines.length,
      source: 'simulator seed 1',
    },
    messagesPerSecond: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)])),
  };
}

/**
 * Encode throughput on synthetic French chat lines: `node --import tsx models/tokenizer/bench.ts [lines]`.
 * Runs the tiny fixture tokenizer (260 pieces) and the same tokenizer with a synthetic 30k-piece vocab (closer to
 * a real model's), with and without chat preprocessing.
 */
import { fixtureJson } from './testing';
import { UnigramTokenizer } from './UnigramTokenizer';

const WORDS = (
  'salut les gars le boss est trop fort ça va être chaud gg wp mdr ptdr lol jpp cette game de fou il a raté ' +
  'le saut encore une fois on est où là stream de ouf bonne nuit tout le monde première fois ici je suis nouveau ' +
  'quelle heure demain pourquoi il fait ça franchement c’est énorme déjà fini non mais allô incroyable ' +
  'regardez derrière vous attention au piège à droite il faut monter le niveau la prochaine fois'
).split(' ');
const EXTRAS = ['Kappa', 'KappaPride', 'LUL', 'PogChamp', '<3', ':)', ':D', '😀', '🔥🔥', 'ÉNORME', 'GGGG', '!!!', '???', '2021'];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chatLines(n: number, seed = 1): string[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    const len = 1 + Math.floor(rand() * 14);
    for (let k = 0; k < len; k++) parts.push(rand() < 0.12 ? pick(EXTRAS) : pick(WORDS));
    if (rand() < 0.08) parts.unshift(`@viewer_${Math.floor(rand() * 1000)}`);
    if (rand() < 0.03) parts.push('https://clips.twitch.tv/Abc123');
    lines.push(parts.join(' '));
  }
  return lines;
}

/** The fixture tokenizer with ~30k extra pieces (substrings of chat words, with made-up scores). */
function bigVocabTokenizer(): UnigramTokenizer {
  const json = fixtureJson('tokenizer.json');
  const vocab = json.model.vocab as [string, number][];
  const seen = new Set(vocab.map(([p]) => p));
  const rand = rng(7);
  const words = [...WORDS, ...WORDS.map((w) => w.toUpperCase()), ...WORDS.map((w) => w[0]!.toUpperCase() + w.slice(1))];
  for (let round = 0; vocab.length < 30_000 && round < 400; round++) {
    for (const w of words) {
      const from = Math.floor(rand() * w.length);
      const to = Math.min(w.length, from + 1 + Math.floor(rand() * 8));
      const suffix = round > 20 ? String.fromCharCode(97 + (round % 26)) + (rand() < 0.5 ? String.fromCharCode(97 + Math.floor(rand() * 26)) : '') : '';
      const piece = (from === 0 && rand() < 0.5 ? '▁' : '') + w.slice(from, to) + suffix;
      if (!seen.has(piece)) {
        seen.add(piece);
        vocab.push([piece, -5 - rand() * 10]);
      }
    }
  }
  return UnigramTokenizer.fromJson(json, 'synthetic-30k');
}

function measure(label: string, tok: UnigramTokenizer, lines: readonly string[], options: { preprocess?: boolean } = {}): void {
  for (let i = 0; i < 2000; i++) tok.encode(lines[i % lines.length]!, options); // warm-up
  let tokens = 0;
  const rounds = 3;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const line of lines) tokens += tok.encode(line, { ...options, maxLength: 128 }).ids.length;
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (lines.length * rounds) / seconds;
  console.log(`${label.padEnd(40)} ${Math.round(perSecond).toLocaleString('en').padStart(9)} msgs/s  ${Math.round(tokens / seconds).toLocaleString('en').padStart(11)} tokens/s`);
}

const n = Number(process.argv[2] ?? 10_000);
const lines = chatLines(n);
const tiny = UnigramTokenizer.fromJson(fixtureJson('tokenizer.json'));
const big = bigVocabTokenizer();
console.log(`${n} synthetic chat lines, mean ${Math.round(lines.reduce((s, l) => s + l.length, 0) / n)} chars; node ${process.version}`);
measure('tiny vocab (260 pieces)', tiny, lines);
measure('tiny vocab, preprocess', tiny, lines, { preprocess: true });
measure(`synthetic vocab (${big.vocabSize} pieces)`, big, lines);
const started = performance.now();
for (let i = 0; i < n; i += 64) big.encodeBatch(lines.slice(i, i + 64), { maxLength: 64 });
console.log(`${`encodeBatch x64, maxLength 64 (${big.vocabSize})`.padEnd(40)} ${Math.round(n / ((performance.now() - started) / 1000)).toLocaleString('en').padStart(9)} msgs/s`);

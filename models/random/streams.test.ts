import { describe, expect, it } from 'vitest';
import { fnv1a32, fnv1a32Mixed } from './hash';
import { Lcg32 } from './lcg32';
import { foldSeed } from './mix32';
import { Mulberry32 } from './mulberry32';
import type { RandomStream } from './RandomStream';
import { sampleInOrder, shuffleInPlace } from './sample';
import { deriveSeed, subSeed } from './seeds';
import { Sfc32 } from './sfc32';
import { SplitMix32 } from './splitmix32';
import { xorshift32, xorshift32Seed } from './xorshift32';
import { Xoshiro128StarStar } from './xoshiro128';

const draw = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

/**
 * Values recorded from the six generators this module replaced (training's and the simulator's SeededRandom,
 * UmapRandom, the topics' test generator and seededUniform, the tokenizer trainer's seededRandom), before the move:
 * layouts, training batches, the simulated chat and samples depend on these streams staying bit-identical.
 */
describe('recorded streams', () => {
  it('mulberry32 from a mixed seed (training) and from a raw state (tests, planted scenarios)', () => {
    const rng = Mulberry32.fromSeed(42);
    const floats = draw(1000, () => rng.next());
    expect(floats.slice(0, 4)).toEqual([
      0.4698481587693095, 0.23181642964482307, 0.7771014254540205, 0.47037786594592035,
    ]);
    expect(floats[999]).toBe(0.6227101066615433);
    const ints = Mulberry32.fromSeed(42);
    expect(draw(4, () => ints.intBelow(97))).toEqual([45, 22, 75, 45]);
    const seeds = Mulberry32.fromSeed(42);
    expect(draw(3, () => seeds.nextSeed())).toEqual([1008991237, 497821991, 1668812603]);
    expect(draw(2, new Mulberry32(1).toFunction())).toEqual([0.6270739405881613, 0.002735721180215478]);
    expect(new Mulberry32(42).next()).toBe(0.6011037519201636);
    // The one-shot Box-Muller of initial weights: cosine of the second draw, radius from 1 - the first.
    expect(new Mulberry32(1).normalOnce(0.02)).toBe(
      0.02 * Math.sqrt(-2 * Math.log(1 - 0.6270739405881613)) * Math.cos(2 * Math.PI * 0.002735721180215478),
    );
  });

  it('mulberry32 continues from a saved state (checkpoint resume)', () => {
    const rng = Mulberry32.fromSeed(42);
    draw(10, () => rng.next());
    expect(rng.state).toBe(599888387);
    const resumed = new Mulberry32(rng.state);
    expect(draw(2, () => resumed.next())).toEqual([0.1909178076311946, 0.7867611444089562]);
    expect(draw(2, () => rng.next())).toEqual([0.1909178076311946, 0.7867611444089562]);
  });

  it('sfc32 (the simulator): raw words, a seed above 2^32, derived sub-streams, inclusive ints and normals', () => {
    const rng = new Sfc32(42);
    const words = draw(1000, () => rng.uint32());
    expect(words.slice(0, 4)).toEqual([3970209380, 3810304639, 598464707, 635323524]);
    expect(words[999]).toBe(4075229570);
    const big = new Sfc32(2 ** 40 + 3);
    expect(draw(4, () => big.uint32())).toEqual([356510325, 260792798, 81183568, 3817076210]);
    expect([
      new Sfc32(deriveSeed(1, 'messages')).uint32(),
      new Sfc32(deriveSeed(1, 'block', 12)).uint32(),
      new Sfc32(deriveSeed(1)).uint32(),
    ]).toEqual([1937780016, 1964995416, 2724888905]);
    expect(new Sfc32(deriveSeed(42, 'timers', 0)).next()).toBe(0.07936610514298081);
    const dice = new Sfc32(42);
    expect(draw(4, () => dice.int(-4, 20))).toEqual([19, 18, -1, -1]);
    const talk = new Sfc32(42);
    // sd 1.1, as the simulator's users: (sd * r) * cos rounds differently from sd * (r * cos).
    expect(draw(4, () => talk.normal(0, 1.1))).toEqual([
      0.3310774516588218, -0.2840078875799918, 1.3066129236948025, 1.7499072257783275,
    ]);
    const normals = new Sfc32(42);
    expect(draw(4, () => normals.normal(10, 2))).toEqual([
      10.60195900301604, 9.483622022581834, 12.375659861263276, 13.18164950141514,
    ]);
  });

  it('xoshiro128** (UMAP): raw words, a negative seed, normals from the complement, the xorshift seed', () => {
    const rng = new Xoshiro128StarStar(42);
    const words = draw(1000, () => rng.uint32());
    expect(words.slice(0, 4)).toEqual([3704290710, 166753127, 957958183, 1452431608]);
    expect(words[999]).toBe(4182808012);
    const negative = new Xoshiro128StarStar(-7);
    expect(draw(4, () => negative.uint32())).toEqual([2632946583, 1305124998, 3263781171, 4002491586]);
    const normals = new Xoshiro128StarStar(42);
    expect(draw(4, () => normals.normalFromComplement())).toEqual([
      1.9329722574503772, 0.4811230821898684, -0.3737576771096616, 0.6041880662692888,
    ]);
    expect(xorshift32Seed(new Xoshiro128StarStar(42))).toBe(-590676585);
  });

  it('xorshift32 steps as the 13/17/5 recurrence', () => {
    const states = [1];
    for (let i = 0; i < 4; i++) states.push(xorshift32(states[states.length - 1]!));
    expect(states.slice(1).map((s) => s >>> 0)).toEqual([270369, 67634689, 2647435461, 307599695]);
  });

  it('splitmix32 from a hashed seed (topic samples) and from a salted folded seed (tokenizer held-out sample)', () => {
    const rng = SplitMix32.fromSeed(42);
    const floats = draw(1000, () => rng.next());
    expect(floats.slice(0, 4)).toEqual([
      0.07237175037153065, 0.9809980646241456, 0.6428957756143063, 0.4787498516961932,
    ]);
    expect(floats[999]).toBe(0.970964195439592);
    const held = new SplitMix32(foldSeed(42) ^ 0x2545f491);
    expect(draw(4, () => held.next())).toEqual([
      0.5119711849838495, 0.6314262205269188, 0.027332036290317774, 0.6700265717227012,
    ]);
    const big = new SplitMix32(foldSeed(2 ** 40 + 3) ^ 0x2545f491);
    expect(draw(2, () => big.next())).toEqual([0.5788629702292383, 0.46722056227736175]);
    expect([0, 1, 2, 3].map((t) => subSeed(42, t))).toEqual([2695453446, 182059875, 1341309151, 1055974520]);
  });

  it("lcg32 with Numerical Recipes' and ANSI C's constants (test data)", () => {
    const nr = Lcg32.numericalRecipes(0);
    expect(draw(4, () => nr.uint32())).toEqual([1013904223, 1196435762, 3519870697, 2868466484]);
    const c = Lcg32.ansiC(0);
    expect(draw(4, () => c.uint32())).toEqual([12345, 3554416254, 2802067423, 3596950572]);
  });

  it('samples and hashes', () => {
    const items = Int32Array.from({ length: 50 }, (_, i) => 1000 + i * 3);
    const random = SplitMix32.fromSeed(42);
    const samples = Array.from({ length: 6 }, (_, k) => [...sampleInOrder(items, k, random)]);
    expect(samples[3]).toEqual([1021, 1069, 1105]);
    expect(samples[5]).toEqual([1060, 1072, 1084, 1135, 1144]);
    expect(fnv1a32Mixed('stream-0#0')).toBe(3649125288);
    expect(fnv1a32('stream-0#0')).toBe(3670973475);
    expect(fnv1a32('stream-1#1', 7919)).toBe(3058305033);
  });
});

const generators: [string, (seed: number) => RandomStream][] = [
  ['Mulberry32', (s) => Mulberry32.fromSeed(s)],
  ['Sfc32', (s) => new Sfc32(s)],
  ['SplitMix32', (s) => SplitMix32.fromSeed(s)],
  ['Xoshiro128StarStar', (s) => new Xoshiro128StarStar(s)],
  ['Lcg32', (s) => Lcg32.numericalRecipes(s)],
];

describe.each(generators)('%s', (_name, make) => {
  it('repeats for a seed and differs between seeds', () => {
    const a = make(5);
    const b = make(5);
    const c = make(6);
    const xs = draw(1000, () => a.uint32());
    expect(draw(1000, () => b.uint32())).toEqual(xs);
    expect(draw(1000, () => c.uint32())).not.toEqual(xs);
  });

  it('keeps every draw in its range', () => {
    const rng = make(11);
    for (let i = 0; i < 5000; i++) {
      const word = rng.uint32();
      expect(Number.isInteger(word) && word >= 0 && word < 2 ** 32).toBe(true);
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const below = rng.intBelow(7);
      expect(Number.isInteger(below) && below >= 0 && below < 7).toBe(true);
      const inclusive = rng.int(-2, 2);
      expect(Number.isInteger(inclusive) && inclusive >= -2 && inclusive <= 2).toBe(true);
      const u = rng.uniform(3, 4);
      expect(u >= 3 && u < 4).toBe(true);
      const seed = rng.nextSeed();
      expect(Number.isInteger(seed) && seed >= 0 && seed < 0x7fffffff).toBe(true);
    }
  });

  it('draws both ends of an inclusive range and a standard normal from each Box-Muller', () => {
    const rng = make(3);
    expect(new Set(draw(2000, () => rng.int(1, 6)))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const normal of [() => rng.normal(), () => rng.normalFromComplement(), () => rng.normalOnce()]) {
      const zs = draw(20_000, normal);
      const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
      const sd = Math.sqrt(zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length);
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    }
  });

  it('shuffles into a permutation, the same for the same seed', () => {
    const order = (seed: number) => [
      ...shuffleInPlace(
        Uint32Array.from({ length: 100 }, (_, i) => i),
        make(seed),
      ),
    ];
    expect([...order(1)].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(order(1)).toEqual(order(1));
    expect(order(1)).not.toEqual(order(2));
  });
});

describe('SplitMix32.fromSeed as a function', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = SplitMix32.fromSeed(5).toFunction();
    const b = SplitMix32.fromSeed(5).toFunction();
    const c = SplitMix32.fromSeed(6).toFunction();
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('gives distinct sub-seeds to distinct streams', () => {
    expect(new Set([0, 1, 2, 3, 4].map((t) => subSeed(42, t))).size).toBe(5);
  });
});

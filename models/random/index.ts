// Every seeded random number of the project comes from here. Pure: no I/O, no Math.random.
export { RandomStream } from './RandomStream';
export { Lcg32 } from './lcg32';
export { Mulberry32 } from './mulberry32';
export { Sfc32 } from './sfc32';
export { SplitMix32 } from './splitmix32';
export { Xoshiro128StarStar } from './xoshiro128';
export { xorshift32, xorshift32Seed } from './xorshift32';
export { foldSeed, mix32 } from './mix32';
export { fnv1a32, fnv1a32Mixed } from './hash';
export { deriveSeed, subSeed } from './seeds';
export { sampleInOrder, sampleWithoutReplacement, shuffleInPlace } from './sample';

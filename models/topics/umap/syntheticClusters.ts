import { Xoshiro128StarStar } from '../../random';

export interface SyntheticClusters {
  /** Row-major n x dim. */
  vectors: Float32Array;
  /** Cluster of each row, 0..clusters-1 (rows cycle through the clusters). */
  labels: Int32Array;
  dim: number;
}

/**
 * Test and benchmark data with known structure: `clusters` well-separated groups in `dim` dimensions, each a
 * `latentDims`-dimensional sheet (uniform latent coordinates through a random linear map, so neighbourhoods are
 * meaningful, unlike isotropic noise in many dimensions) plus isotropic Gaussian noise. Centres are Gaussian with
 * standard deviation `separation`; rows cycle through the clusters.
 *
 * @example const { vectors, labels } = syntheticClusters({ n: 600, clusters: 6, dim: 64, seed: 1 });
 */
export function syntheticClusters(options: {
  n: number;
  clusters: number;
  dim: number;
  seed: number;
  latentDims?: number;
  separation?: number;
  noise?: number;
}): SyntheticClusters {
  const { n, clusters, dim, seed } = options;
  const latentDims = options.latentDims ?? 2;
  const separation = options.separation ?? 3;
  const noise = options.noise ?? 0.05;
  const random = new Xoshiro128StarStar(seed);
  const centres = Array.from({ length: clusters }, () =>
    Float64Array.from({ length: dim }, () => separation * random.normalFromComplement()),
  );
  // Each latent axis spans about 1 unit in input space.
  const maps = Array.from({ length: clusters }, () =>
    Float64Array.from({ length: latentDims * dim }, () => random.normalFromComplement() / Math.sqrt(dim)),
  );
  const vectors = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  const latent = new Float64Array(latentDims);
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    labels[i] = c;
    for (let l = 0; l < latentDims; l++) latent[l] = random.uniform(-1, 1);
    for (let t = 0; t < dim; t++) {
      let x = centres[c]![t]! + noise * random.normalFromComplement();
      for (let l = 0; l < latentDims; l++) x += latent[l]! * maps[c]![l * dim + t]!;
      vectors[i * dim + t] = x;
    }
  }
  return { vectors, labels, dim };
}

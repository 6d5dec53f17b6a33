import { describe, expect, it } from 'vitest';
import { readConvBertConfig } from '../checkpoint';
import { LINCOLN_SMALL_CONFIG } from '../convbert';
import { convBertFlops } from './convBertFlops';

const lincoln = readConvBertConfig(LINCOLN_SMALL_CONFIG, 'lincoln');

describe('convBertFlops', () => {
  it('puts the lincoln model near the half GFLOP per 24-token message DESIGN measured', () => {
    const gflop = convBertFlops(lincoln, 24) / 1e9;
    expect(gflop).toBeGreaterThan(0.4);
    expect(gflop).toBeLessThan(0.5);
  });

  it('grows linearly with length except for attention, which is quadratic (2 L^2 A multiply-adds per layer)', () => {
    const L = 10;
    const quadratic = convBertFlops(lincoln, 2 * L) - 2 * convBertFlops(lincoln, L);
    // 2 x layers x 2 A ((2L)^2 - 2 L^2)
    expect(quadratic).toBe(2 * lincoln.numHiddenLayers * 2 * lincoln.derived.allHeadSize * (4 * L * L - 2 * L * L));
  });

  it('counts grouped feed-forward layers at 1 / groups of the dense work, and embeddings_project only when present', () => {
    const grouped = { ...lincoln, numGroups: 2 };
    const ffn = 2 * 2 * 24 * lincoln.hiddenSize * lincoln.intermediateSize * lincoln.numHiddenLayers;
    expect(convBertFlops(lincoln, 24) - convBertFlops(grouped, 24)).toBe(ffn / 2);
    const noProject = { ...lincoln, derived: { ...lincoln.derived, hasEmbeddingsProject: false } };
    expect(convBertFlops(lincoln, 24) - convBertFlops(noProject, 24)).toBe(
      2 * 24 * lincoln.embeddingSize * lincoln.hiddenSize,
    );
    expect(() => convBertFlops(lincoln, 0)).toThrow(RangeError);
  });
});

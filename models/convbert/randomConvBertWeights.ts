import { expectedConvBertWeights, type ConvBertConfig, type Tensor } from '../checkpoint';
import { Mulberry32 } from '../random';
import type { ConvBertWeights } from './ConvBertWeights';

/**
 * ConvBERT weights drawn the way HF initialises a fresh model (normal, std 0.02; biases 0; LayerNorm weight 1),
 * deterministic by seed. For benchmarks and shape tests of the full-size model, where trained weights are not
 * needed (speed does not depend on the values).
 *
 * @param config the architecture
 * @param seed any integer
 * @param options `mlmHead`: also draw the masked-LM head
 * @example
 * const weights = randomConvBertWeights(readConvBertConfig(lincolnConfigJson), 1);
 */
export function randomConvBertWeights(
  config: ConvBertConfig,
  seed: number,
  options: { mlmHead?: boolean } = {},
): ConvBertWeights {
  // mulberry32 from the raw seed: small and fast, quality ample for initial weights.
  const rng = new Mulberry32(seed);
  const draw = (name: string, shape: number[]): Tensor => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (name.endsWith('LayerNorm.weight')) data.fill(1);
    else if (!name.endsWith('bias')) for (let i = 0; i < size; i++) data[i] = 0.02 * rng.normalOnce();
    return { name, dtype: 'float32', shape, data };
  };
  const encoder = new Map<string, Tensor>();
  const head = new Map<string, Tensor>();
  for (const w of expectedConvBertWeights(config, { mlmHead: options.mlmHead === true })) {
    const target = w.name.startsWith('generator_') ? head : encoder;
    target.set(w.name, draw(w.name, w.shape));
  }
  return { config, encoder, mlmHead: options.mlmHead === true ? head : null };
}

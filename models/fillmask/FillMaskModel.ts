import type { FillMaskCandidate } from '../../contracts/training';
import { padTokenBatch } from '../convbert';
import { loadModelDir, readModelWeights, type InstalledModel } from '../format';
import { buildConvBertOnnx, OnnxConvBertSession } from '../onnx';
import type { UnigramTokenizer } from '../tokenizer';
import { FillMaskError } from './errors';
import { topCandidates } from './topCandidates';

/** The mask token as typed in the playground and as our tokenizers spell it. */
export const MASK_TOKEN = '<mask>';
/** Structural tokens never offered as candidates (emotes, also special tokens here, are). */
const STRUCTURAL_TOKENS = ['<mask>', '<pad>', '<cls>', '<sep>', '<unk>'];

/**
 * A model directory's encoder and MLM head on ONNX Runtime, for the admin fill-mask playground. The served
 * `model.onnx` has no head (see `writeModelDir`), so a graph with `logits` is built from the safetensors at load.
 *
 * @example
 * const model = await FillMaskModel.load('data/models/chat-topics-cpu-tiny@3');
 * await model.predict('<mask> tt le monde !', 3); // [{ token: 'salut', score: 0.41, sequence: 'salut tt le monde !' }, ...]
 * await model.close();
 */
export class FillMaskModel {
  private constructor(
    private readonly model: InstalledModel,
    private readonly tokenizer: UnigramTokenizer,
    private readonly session: OnnxConvBertSession,
    private readonly maskId: number,
    private readonly excluded: ReadonlySet<number>,
  ) {}

  /**
   * Loads a model directory (sizes verified) and builds its fill-mask graph.
   *
   * @throws FillMaskError for a model without tokenizer, `<mask>` token or MLM head; the format's own errors for a
   *   damaged directory
   */
  static async load(dir: string): Promise<FillMaskModel> {
    const model = loadModelDir(dir, { verify: 'size' });
    if (model.tokenizer === null)
      throw new FillMaskError('the model has no tokenizer (it embeds token ids only): fill-mask needs text', { dir });
    if (!model.manifest.mlmHead)
      throw new FillMaskError('the model has no MLM head (only encoders trained or imported with one can fill masks)', {
        dir,
      });
    const maskId = model.tokenizer.tokenToId(MASK_TOKEN);
    if (maskId === undefined) throw new FillMaskError(`the tokenizer has no ${MASK_TOKEN} token`, { dir });
    const excluded = new Set<number>();
    for (const t of STRUCTURAL_TOKENS) {
      const id = model.tokenizer.tokenToId(t);
      if (id !== undefined) excluded.add(id);
    }
    const onnx = buildConvBertOnnx(readModelWeights(model), { mlmHead: true });
    const session = await OnnxConvBertSession.create(onnx, { threads: 1 });
    return new FillMaskModel(model, model.tokenizer, session, maskId, excluded);
  }

  /** The model's registry-style id (`convbert:<name>@<version>`). */
  get id(): string {
    return this.model.id;
  }

  /**
   * The `top` most probable tokens at the one `<mask>` of `text`, with their softmax probability and the decoded
   * text with the mask filled in.
   *
   * @param text text holding exactly one `<mask>` (chat preprocessing applies when the model asks for it)
   * @param top how many candidates (default 5)
   * @throws FillMaskError when the text has no `<mask>` or several, or the mask falls beyond `maxTokens`
   */
  async predict(text: string, top = 5): Promise<FillMaskCandidate[]> {
    const dir = this.model.dir;
    const count = text.split(MASK_TOKEN).length - 1;
    if (count !== 1)
      throw new FillMaskError(
        count === 0
          ? `the text has no ${MASK_TOKEN}: put one where a word should be guessed`
          : `the text has ${count} ${MASK_TOKEN} tokens; exactly one is supported`,
        { dir, text },
      );
    if (!Number.isInteger(top) || top < 1)
      throw new FillMaskError(`top must be a positive integer, got ${top}`, { dir, text });
    const encoding = this.tokenizer.encode(text, {
      preprocess: this.model.preprocess === 'chat',
      maxLength: this.model.maxTokens,
    });
    const position = encoding.ids.indexOf(this.maskId);
    if (position < 0)
      throw new FillMaskError(
        `the ${MASK_TOKEN} falls beyond the model's ${this.model.maxTokens} tokens: shorten the text before it`,
        { dir, text },
      );

    const batch = padTokenBatch([encoding.ids], this.tokenizer.padId, [encoding.typeIds]);
    const { logits } = await this.session.run(batch, ['logits']);
    const vocab = logits!.dims[2]!;
    const row = logits!.data.subarray(position * vocab, (position + 1) * vocab);
    return topCandidates(row, top, this.excluded).map(({ id, score }) => {
      // Decoded without <cls>/<sep>/<pad> but with emotes, which are special tokens too.
      const filled = encoding.ids.map((t, i) => (i === position ? id : t)).filter((t) => !this.excluded.has(t));
      const piece = this.tokenizer.idToToken(id) ?? String(id);
      const token = this.tokenizer.decode([id], { skipSpecialTokens: false }).trim();
      return {
        token: token === '' ? piece : token,
        score,
        sequence: this.tokenizer.decode(filled, { skipSpecialTokens: false }).trim(),
      };
    });
  }

  /** Releases the ONNX Runtime session. */
  async close(): Promise<void> {
    await this.session.close();
  }
}

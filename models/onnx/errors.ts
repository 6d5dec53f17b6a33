import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where an inference problem was found: the model, and the input, row and position when there is one. */
export interface InferenceErrorContext {
  /** The model file, or `<bytes>` for a model given as bytes. */
  model: string;
  /** The graph input or output concerned (`input_ids`, `attention_mask`, `cls`...). */
  input?: string;
  /** Row of the batch. */
  row?: number;
  /** Token position inside the row. */
  position?: number;
  cause?: unknown;
}

/**
 * Anything that stops a ConvBERT model from running: an input the model cannot take (an id outside the
 * vocabulary, a sequence longer than the position table, inconsistent shapes), an unknown output, an
 * execution provider that is not installed, or ONNX Runtime failing. The message starts with the model, then
 * names the input, row and position, so it can be shown as is.
 *
 * @example
 * try {
 *   await session.run(batch, ['cls']);
 * } catch (e) {
 *   if (e instanceof InferenceError) console.error(e.message, e.row, e.position);
 * }
 */
export class InferenceError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'internal';
  override readonly name = 'InferenceError';
  readonly model: string;
  readonly input: string | undefined;
  readonly row: number | undefined;
  readonly position: number | undefined;

  constructor(message: string, context: InferenceErrorContext) {
    const where = [
      context.model,
      context.input !== undefined ? `"${context.input}"` : null,
      context.row !== undefined ? `row ${context.row}` : null,
      context.position !== undefined ? `position ${context.position}` : null,
    ].filter((part) => part !== null);
    super(`${where.join(': ')}: ${message}`, context.cause !== undefined ? { cause: context.cause } : undefined);
    this.model = context.model;
    this.input = context.input;
    this.row = context.row;
    this.position = context.position;
  }
}

/** Where a graph-building problem was found. */
export interface OnnxBuildErrorContext {
  /** The weight concerned, under its normalised HF name. */
  tensor?: string;
  /** The config field or build option concerned. */
  field?: string;
}

/**
 * Weights or options a ConvBERT graph cannot be built from: a missing or wrongly shaped weight, an activation
 * we do not implement, an MLM head asked for but absent.
 *
 * @example
 * buildConvBertOnnx(weights, { mlmHead: true }); // throws OnnxBuildError (option "mlmHead") when weights.mlmHead is null
 */
export class OnnxBuildError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'OnnxBuildError';
  readonly tensor: string | undefined;
  readonly field: string | undefined;

  constructor(message: string, context: OnnxBuildErrorContext = {}) {
    const where = [
      'ConvBERT ONNX build',
      context.tensor !== undefined ? `tensor "${context.tensor}"` : null,
      context.field !== undefined ? `field "${context.field}"` : null,
    ].filter((part) => part !== null);
    super(`${where.join(': ')}: ${message}`);
    this.tensor = context.tensor;
    this.field = context.field;
  }
}

import { encodeOnnxModel } from './protobuf/encodeOnnxModel';
import {
  attr,
  ONNX_DATA_TYPE,
  type OnnxAttribute,
  type OnnxDataType,
  type OnnxDim,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './protobuf/onnxModel';

/** The ONNX opset our graphs are written against (LayerNormalization needs 17). */
export const ONNX_OPSET = 17;
/** The IR version that goes with opset 17. */
export const ONNX_IR_VERSION = 8;

/** Options of {@link OnnxGraphBuilder.build}. */
export interface OnnxBuildOptions {
  producerName?: string;
  producerVersion?: string;
  metadata?: Readonly<Record<string, string>>;
}

/**
 * Builds one ONNX graph: inputs, constant tensors, nodes whose outputs get unique names derived from a hint, and
 * outputs; then serialises it. The op helpers (`matMul`, `layerNorm`, `softmax`...) return the name of their
 * output, so a model reads like its math:
 *
 * @example
 * const g = new OnnxGraphBuilder('linear');
 * const x = g.input('x', 'float32', ['batch', 3]);
 * const y = g.add(g.matMul(x, g.weight('w', new Float32Array(6), [3, 2])), g.weight('b', new Float32Array(2), [2]));
 * g.output('y', y, 'float32', ['batch', 2]);
 * const bytes = g.build();
 */
export class OnnxGraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];
  private readonly inputs: OnnxValueInfo[] = [];
  private readonly outputs: OnnxValueInfo[] = [];
  private readonly names = new Set<string>();
  /** Output names promised in advance: fresh names avoid them, {@link output} may take them. */
  private readonly reserved = new Set<string>();
  /** Small int64/float constants, shared by every node that needs the same values. */
  private readonly constants = new Map<string, string>();

  constructor(readonly name: string) {}

  /** A name not used yet in this graph: `hint`, else `hint_1`, `hint_2`... */
  freshName(hint: string): string {
    let name = hint;
    for (let i = 1; this.names.has(name) || this.reserved.has(name); i++) name = `${hint}_${i}`;
    this.names.add(name);
    return name;
  }

  /** Keeps names free for graph outputs declared later, so that no intermediate value takes them first. */
  reserveOutputNames(names: Iterable<string>): void {
    for (const name of names) {
      if (this.names.has(name)) throw new Error(`graph "${this.name}": name "${name}" is already used`);
      this.reserved.add(name);
    }
  }

  /** Declares a graph input; its name is taken as given (callers feed it by that name). */
  input(name: string, elemType: OnnxDataType, dims: readonly OnnxDim[]): string {
    this.inputs.push({ name: this.claim(name), elemType, dims });
    return name;
  }

  /** Declares a graph output named `name` holding `value` (through an Identity node when the names differ). */
  output(name: string, value: string, elemType: OnnxDataType, dims: readonly OnnxDim[]): void {
    if (value !== name)
      this.nodes.push({
        opType: 'Identity',
        inputs: [value],
        outputs: [this.claim(name)],
        name: this.freshName(`Identity_${name}`),
      });
    this.outputs.push({ name, elemType, dims });
  }

  /** Takes an exact name: unused, or reserved by {@link reserveOutputNames}. */
  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`graph "${this.name}": name "${name}" is already used`);
    this.reserved.delete(name);
    this.names.add(name);
    return name;
  }

  /** A float32 initializer (a weight). */
  weight(hint: string, data: Float32Array, dims: readonly number[]): string {
    const name = this.freshName(hint);
    this.initializers.push({ name, dataType: 'float32', dims, data });
    return name;
  }

  /** A shared int64 constant (shapes, axes, indices); `dims` defaults to a 1-D list, `[]` makes a scalar. */
  int64s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('int64', values, dims, () => BigInt64Array.from(values, (v) => BigInt(v)));
  }

  /** A shared float32 scalar constant. */
  scalar(value: number): string {
    return this.constant('float32', [value], [], () => Float32Array.of(value));
  }

  /**
   * Adds one node and returns its outputs' names: `names` exactly (each unused, or reserved for an output), else
   * `outputs` of them named after `hint` (default the op type). Use `''` in `inputs` for an omitted optional input.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, OnnxAttribute>> = {},
    options: { outputs?: number; hint?: string; domain?: string; names?: readonly string[] } = {},
  ): string[] {
    const hint = options.hint ?? opType.toLowerCase();
    const outputs =
      options.names !== undefined
        ? options.names.map((n) => this.claim(n))
        : Array.from({ length: options.outputs ?? 1 }, () => this.freshName(hint));
    const node: OnnxNode = { opType, inputs, outputs, name: this.freshName(`${opType}_${hint}`), attributes };
    this.nodes.push(options.domain === undefined ? node : { ...node, domain: options.domain });
    return outputs;
  }

  /** Adds a node with exactly one output and returns its name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, OnnxAttribute>> = {},
    hint?: string,
  ): string {
    return this.node(opType, inputs, attributes, hint === undefined ? {} : { hint })[0]!;
  }

  matMul(a: string, b: string, hint?: string): string {
    return this.op('MatMul', [a, b], {}, hint);
  }
  add(a: string, b: string, hint?: string): string {
    return this.op('Add', [a, b], {}, hint);
  }
  sub(a: string, b: string, hint?: string): string {
    return this.op('Sub', [a, b], {}, hint);
  }
  mul(a: string, b: string, hint?: string): string {
    return this.op('Mul', [a, b], {}, hint);
  }
  div(a: string, b: string, hint?: string): string {
    return this.op('Div', [a, b], {}, hint);
  }
  /** `x @ w + b`: a dense layer on the last axis, with `w` already `[in, out]`. */
  linear(x: string, w: string, b: string, hint?: string): string {
    return this.add(this.matMul(x, w, hint), b, hint);
  }
  /** `shape` may use 0 (keep that input dimension) and -1 (infer one dimension). */
  reshape(x: string, shape: readonly number[], hint?: string): string {
    return this.op('Reshape', [x, this.int64s(shape)], {}, hint);
  }
  transpose(x: string, perm: readonly number[], hint?: string): string {
    return this.op('Transpose', [x], { perm: attr.ints(perm) }, hint);
  }
  softmax(x: string, axis: number, hint?: string): string {
    return this.op('Softmax', [x], { axis: attr.int(axis) }, hint);
  }
  /** LayerNormalization over the last axis. */
  layerNorm(x: string, scale: string, bias: string, epsilon: number, hint?: string): string {
    return this.op('LayerNormalization', [x, scale, bias], { axis: attr.int(-1), epsilon: attr.float(epsilon) }, hint);
  }
  concat(xs: readonly string[], axis: number, hint?: string): string {
    return this.op('Concat', xs, { axis: attr.int(axis) }, hint);
  }
  /** Slice along `axes`; negative ends count from the end of the axis, as in ONNX. */
  slice(x: string, starts: readonly number[], ends: readonly number[], axes: readonly number[], hint?: string): string {
    return this.op('Slice', [x, this.int64s(starts), this.int64s(ends), this.int64s(axes)], {}, hint);
  }
  /** Zero padding; `pads` is ONNX's `[begin_0, ..., begin_n, end_0, ..., end_n]`. */
  pad(x: string, pads: readonly number[], hint?: string): string {
    return this.op('Pad', [x, this.int64s(pads)], {}, hint);
  }
  /** `index` is an int64 tensor name, or a number for a scalar index (which drops `axis`). */
  gather(data: string, index: string | number, axis: number, hint?: string): string {
    const indices = typeof index === 'number' ? this.int64s([index], []) : index;
    return this.op('Gather', [data, indices], { axis: attr.int(axis) }, hint);
  }
  cast(x: string, to: OnnxDataType, hint?: string): string {
    return this.op('Cast', [x], { to: attr.int(ONNX_DATA_TYPE[to]) }, hint);
  }
  reduceSum(x: string, axes: readonly number[], keepDims: boolean, hint?: string): string {
    return this.op('ReduceSum', [x, this.int64s(axes)], { keepdims: attr.int(keepDims ? 1 : 0) }, hint);
  }
  /** Splits `x` into `parts` equal pieces along `axis`. */
  split(x: string, axis: number, parts: number, hint?: string): string[] {
    return this.node(
      'Split',
      [x],
      { axis: attr.int(axis) },
      { outputs: parts, ...(hint === undefined ? {} : { hint }) },
    );
  }

  /** Serialises the graph as a model of opset {@link ONNX_OPSET}. */
  build(options: OnnxBuildOptions = {}): Uint8Array {
    return encodeOnnxModel({
      irVersion: ONNX_IR_VERSION,
      opsetImports: [{ domain: '', version: ONNX_OPSET }],
      producerName: options.producerName ?? 'chat-topics',
      producerVersion: options.producerVersion ?? '1',
      graph: {
        name: this.name,
        nodes: this.nodes,
        initializers: this.initializers,
        inputs: this.inputs,
        outputs: this.outputs,
      },
      metadata: options.metadata ?? {},
    });
  }

  private constant(
    dataType: 'int64' | 'float32',
    values: readonly number[],
    dims: readonly number[],
    data: () => BigInt64Array | Float32Array,
  ): string {
    const key = `${dataType}[${dims.join(',')}]:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known !== undefined) return known;
    const name = this.freshName(dataType === 'int64' ? 'const_i64' : 'const_f32');
    const d = data();
    this.initializers.push(
      d instanceof Float32Array
        ? { name, dataType: 'float32', dims, data: d }
        : { name, dataType: 'int64', dims, data: d },
    );
    this.constants.set(key, name);
    return name;
  }
}

/**
 * The subset of the ONNX model format (onnx/onnx.proto) that our graphs use, as plain objects, and its encoding.
 * Field numbers are those of onnx.proto; only the fields we write are listed.
 */

/** `TensorProto.DataType` codes of the element types we use. */
export const ONNX_DATA_TYPE = { float32: 1, int32: 6, int64: 7 } as const;
export type OnnxDataType = keyof typeof ONNX_DATA_TYPE;

/** A constant tensor (initializer or attribute value), stored as `raw_data` (little-endian). */
export type OnnxTensor =
  | { name: string; dataType: 'float32'; dims: readonly number[]; data: Float32Array }
  | { name: string; dataType: 'int32'; dims: readonly number[]; data: Int32Array }
  | { name: string; dataType: 'int64'; dims: readonly number[]; data: BigInt64Array };

/** A node attribute; `type` is the `AttributeProto.AttributeType` it is written as. */
export type OnnxAttribute =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: OnnxTensor }
  | { type: 'floats'; value: readonly number[] }
  | { type: 'ints'; value: readonly number[] };

/** Attribute constructors, so node definitions say which type each number is (`1` as int, `1` as float...). */
export const attr = {
  float: (value: number): OnnxAttribute => ({ type: 'float', value }),
  int: (value: number): OnnxAttribute => ({ type: 'int', value }),
  string: (value: string): OnnxAttribute => ({ type: 'string', value }),
  tensor: (value: OnnxTensor): OnnxAttribute => ({ type: 'tensor', value }),
  floats: (value: readonly number[]): OnnxAttribute => ({ type: 'floats', value }),
  ints: (value: readonly number[]): OnnxAttribute => ({ type: 'ints', value }),
};

export interface OnnxNode {
  opType: string;
  /** Empty string for an omitted optional input. */
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  /** Empty or absent for the default ONNX domain; `com.microsoft` for ONNX Runtime's contrib operators. */
  domain?: string;
  attributes?: Readonly<Record<string, OnnxAttribute>>;
}

/** A dimension: a fixed size, or a symbolic name (`batch`) for a size known only at run time. */
export type OnnxDim = number | string;

/** A graph input or output: name, tensor element type and shape. */
export interface OnnxValueInfo {
  name: string;
  elemType: OnnxDataType;
  dims: readonly OnnxDim[];
}

export interface OnnxGraph {
  name: string;
  /** In topological order. */
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  /** ONNX IR version (8 goes with opset 17). */
  irVersion: number;
  opsetImports: readonly { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  graph: OnnxGraph;
  /** `metadata_props`: free key-value strings carried with the model. */
  metadata?: Readonly<Record<string, string>>;
}

/** Field numbers of the messages we write, from onnx.proto. */
export const FIELD = {
  model: { irVersion: 1, producerName: 2, producerVersion: 3, graph: 7, opsetImport: 8, metadataProps: 14 },
  stringStringEntry: { key: 1, value: 2 },
  operatorSetId: { domain: 1, version: 2 },
  graph: { node: 1, name: 2, initializer: 5, input: 11, output: 12 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 },
  attribute: { name: 1, f: 2, i: 3, s: 4, t: 5, floats: 7, ints: 8, type: 20 },
  tensor: { dims: 1, dataType: 2, name: 8, rawData: 9 },
  valueInfo: { name: 1, type: 2 },
  typeProto: { tensorType: 1 },
  typeProtoTensor: { elemType: 1, shape: 2 },
  tensorShape: { dim: 1 },
  dimension: { dimValue: 1, dimParam: 2 },
} as const;

/** `AttributeProto.AttributeType` codes. */
export const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

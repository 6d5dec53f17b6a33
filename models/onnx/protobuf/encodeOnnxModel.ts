import {
  ATTRIBUTE_TYPE,
  FIELD,
  ONNX_DATA_TYPE,
  type OnnxAttribute,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnxModel';
import { ProtoWriter } from './ProtoWriter';

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `raw_data` must be little-endian; on the usual (little-endian) hosts this is a view, not a copy. */
function rawData(tensor: OnnxTensor): Uint8Array {
  const { data } = tensor;
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (HOST_IS_LITTLE_ENDIAN) return view;
  const width = data.BYTES_PER_ELEMENT;
  const out = new Uint8Array(view.length);
  for (let i = 0; i < view.length; i += width) for (let b = 0; b < width; b++) out[i + b] = view[i + width - 1 - b]!;
  return out;
}

function encodeTensor(tensor: OnnxTensor): ProtoWriter {
  const expected = tensor.dims.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== expected) {
    throw new RangeError(
      `tensor "${tensor.name}": ${tensor.data.length} elements for dims [${tensor.dims.join(', ')}] (${expected})`,
    );
  }
  const F = FIELD.tensor;
  const w = new ProtoWriter();
  w.packedInt64(F.dims, tensor.dims);
  w.int64(F.dataType, ONNX_DATA_TYPE[tensor.dataType]);
  if (tensor.name !== '') w.string(F.name, tensor.name);
  w.bytes(F.rawData, rawData(tensor));
  return w;
}

function encodeAttribute(name: string, a: OnnxAttribute): ProtoWriter {
  const F = FIELD.attribute;
  const w = new ProtoWriter().string(F.name, name);
  w.int64(F.type, ATTRIBUTE_TYPE[a.type]);
  switch (a.type) {
    case 'float':
      return w.float(F.f, a.value);
    case 'int':
      return w.int64(F.i, a.value);
    case 'string':
      return w.string(F.s, a.value);
    case 'tensor':
      return w.message(F.t, encodeTensor(a.value));
    case 'floats':
      return w.packedFloat(F.floats, a.value);
    case 'ints':
      return w.packedInt64(F.ints, a.value);
  }
}

function encodeNode(node: OnnxNode): ProtoWriter {
  const F = FIELD.node;
  const w = new ProtoWriter();
  for (const input of node.inputs) w.string(F.input, input);
  for (const output of node.outputs) w.string(F.output, output);
  if (node.name !== undefined) w.string(F.name, node.name);
  w.string(F.opType, node.opType);
  if (node.domain !== undefined && node.domain !== '') w.string(F.domain, node.domain);
  for (const [name, value] of Object.entries(node.attributes ?? {}))
    w.message(F.attribute, encodeAttribute(name, value));
  return w;
}

function encodeValueInfo(info: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of info.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int64(FIELD.dimension.dimValue, d);
    else dim.string(FIELD.dimension.dimParam, d);
    shape.message(FIELD.tensorShape.dim, dim);
  }
  const tensorType = new ProtoWriter()
    .int64(FIELD.typeProtoTensor.elemType, ONNX_DATA_TYPE[info.elemType])
    .message(FIELD.typeProtoTensor.shape, shape);
  const type = new ProtoWriter().message(FIELD.typeProto.tensorType, tensorType);
  return new ProtoWriter().string(FIELD.valueInfo.name, info.name).message(FIELD.valueInfo.type, type);
}

function encodeGraph(graph: OnnxGraph): ProtoWriter {
  const F = FIELD.graph;
  const w = new ProtoWriter();
  for (const node of graph.nodes) w.message(F.node, encodeNode(node));
  w.string(F.name, graph.name);
  for (const t of graph.initializers) w.message(F.initializer, encodeTensor(t));
  for (const input of graph.inputs) w.message(F.input, encodeValueInfo(input));
  for (const output of graph.outputs) w.message(F.output, encodeValueInfo(output));
  return w;
}

/**
 * Serialises a model to the ONNX protobuf format, ready for `InferenceSession.create(bytes)` or a `.onnx` file.
 * Tensor data is referenced while encoding and copied once into the result.
 *
 * @example
 * const bytes = encodeOnnxModel({
 *   irVersion: 8, opsetImports: [{ domain: '', version: 17 }], producerName: 'chat-topics', producerVersion: '1',
 *   graph: { name: 'g', nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }], initializers: [],
 *            inputs: [{ name: 'x', elemType: 'float32', dims: ['n'] }], outputs: [{ name: 'y', elemType: 'float32', dims: ['n'] }] },
 * });
 */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const F = FIELD.model;
  const w = new ProtoWriter();
  w.int64(F.irVersion, model.irVersion);
  w.string(F.producerName, model.producerName);
  w.string(F.producerVersion, model.producerVersion);
  w.message(F.graph, encodeGraph(model.graph));
  for (const opset of model.opsetImports) {
    const o = new ProtoWriter();
    if (opset.domain !== '') o.string(FIELD.operatorSetId.domain, opset.domain);
    o.int64(FIELD.operatorSetId.version, opset.version);
    w.message(F.opsetImport, o);
  }
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.message(
      F.metadataProps,
      new ProtoWriter().string(FIELD.stringStringEntry.key, key).string(FIELD.stringStringEntry.value, value),
    );
  }
  return w.finish();
}

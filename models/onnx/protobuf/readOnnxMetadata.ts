import { FIELD } from './onnxModel';
import { readProtoFields } from './ProtoReader';

const TEXT = new TextDecoder('utf-8', { fatal: true });

/**
 * The `metadata_props` of an ONNX model (key -> value), read straight from its bytes: ONNX Runtime for Node does
 * not expose them. Only the top level of the ModelProto is scanned; the graph is skipped, not decoded.
 *
 * @throws ProtoDecodeError when the bytes are not a protobuf message
 * @example
 * readOnnxMetadata(readFileSync('model.onnx'))['convbert.vocab_size']; // '16361'
 */
export function readOnnxMetadata(model: Uint8Array): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const f of readProtoFields(model)) {
    if (f.field !== FIELD.model.metadataProps || f.wireType !== 2) continue;
    let key = '';
    let value = '';
    for (const entry of readProtoFields(f.value)) {
      if (entry.wireType !== 2) continue;
      if (entry.field === FIELD.stringStringEntry.key) key = TEXT.decode(entry.value);
      else if (entry.field === FIELD.stringStringEntry.value) value = TEXT.decode(entry.value);
    }
    metadata[key] = value;
  }
  return metadata;
}

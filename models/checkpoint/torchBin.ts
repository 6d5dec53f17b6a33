import { CheckpointError } from './errors';
import { float32FromBFloat16LE, float32FromFloat16LE, float32FromLE, int32FromLE, int64FromLE } from './littleEndian';
import { describe, loadTorchPickle, PickleDict, TorchTensorRef } from './pickle';
import { formatShape, shapeSize, type Tensor } from './Tensor';
import { looksLikeZip, openZip } from './zipReader';

/*
 * torch.save's zip format (torch >= 1.6, the default since): a zip whose entries all sit under one root folder
 * (`archive/`, or the file's stem such as `pytorch_model/`): `data.pkl` (the pickled object, storages replaced
 * by persistent ids), `data/<key>` (each storage's raw little-endian bytes), `version`, and in newer releases
 * `byteorder` and `.data/serialization_id`.
 */

/** The first bytes of the legacy (pre-1.6) torch.save format: a pickled magic number. */
const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a];

/**
 * Reads a `torch.save` state dict (`pytorch_model.bin`) into tensors, in the file's order. The pickle is
 * interpreted safely (see `loadTorchPickle`); each tensor must be a contiguous view of its storage (storage
 * offsets are honoured). float32 stays float32, float16 and bfloat16 are widened to float32, int64 and int32
 * are kept; other dtypes are refused. Names are returned exactly as stored.
 *
 * @param source the file name to put in error messages
 * @throws CheckpointError for a file that is not a torch zip, a missing or corrupt entry, a refused pickle, a
 *   non-contiguous tensor, a storage too small for its tensor, or an unsupported dtype
 * @example
 * const tensors = readTorchBin(readFileSync('pytorch_model.bin'), 'pytorch_model.bin');
 * tensors.get('embeddings.position_ids')?.dtype; // 'int64'
 */
export function readTorchBin(bytes: Uint8Array, source = '<pytorch_model.bin>'): Map<string, Tensor> {
  const file = source;
  if (!looksLikeZip(bytes)) {
    const legacy = LEGACY_MAGIC.every((b, i) => bytes[i] === b);
    throw new CheckpointError(
      legacy
        ? 'legacy (pre-1.6, non-zip) torch.save format is not supported: re-save it with a recent torch, or convert it to safetensors'
        : 'not a zip archive, so not a torch.save checkpoint',
      { file },
    );
  }
  const zip = openZip(bytes, file);

  const pickles = [...zip.entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw new CheckpointError(
      pickles.length === 0
        ? 'no <root>/data.pkl entry: not a torch.save archive'
        : `several data.pkl entries (${pickles.join(', ')})`,
      { file },
    );
  }
  const pickleName = pickles[0]!;
  const root = pickleName.slice(0, -'data.pkl'.length);
  const byteorderName = `${root}byteorder`;
  if (zip.entries.has(byteorderName)) {
    const order = new TextDecoder().decode(zip.read(byteorderName)).trim();
    if (order !== 'little')
      throw new CheckpointError(`byte order "${order}" is not supported (only little-endian)`, {
        file,
        field: byteorderName,
      });
  }

  const state = loadTorchPickle(zip.read(pickleName), file, pickleName);
  if (!(state instanceof PickleDict))
    throw new CheckpointError(`the pickle holds a ${describe(state)}, not a state dict`, { file, field: pickleName });

  const storages = new Map<string, Uint8Array>();
  const storageBytes = (ref: TorchTensorRef, tensor: string): Uint8Array => {
    const { key } = ref.storage;
    let data = storages.get(key);
    if (data === undefined) {
      const entry = `${root}data/${key}`;
      if (!zip.entries.has(entry))
        throw new CheckpointError(`its storage entry "${entry}" is missing from the archive`, { file, tensor });
      data = zip.read(entry);
      storages.set(key, data);
    }
    return data;
  };

  const tensors = new Map<string, Tensor>();
  for (const [key, value] of state.entries) {
    if (typeof key !== 'string')
      throw new CheckpointError(`state dict key ${String(key)} is not a string`, { file, field: pickleName });
    if (!(value instanceof TorchTensorRef))
      throw new CheckpointError(`the state dict value is a ${describe(value)}, not a tensor`, { file, tensor: key });
    tensors.set(key, toTensor(key, value, storageBytes(value, key), file));
  }
  return tensors;
}

function toTensor(name: string, ref: TorchTensorRef, storage: Uint8Array, file: string): Tensor {
  const fail = (message: string) => new CheckpointError(message, { file, tensor: name });
  const shape = [...ref.size];
  const numel = shapeSize(shape);
  if (numel === null) throw fail(`invalid size ${JSON.stringify(shape)}`);
  // Contiguous (row-major): each stride is the product of the later sizes; a dimension of size 1 may have any stride.
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d]! !== 1 && numel !== 0 && ref.stride[d] !== expected) {
      throw fail(
        `is not contiguous (size ${formatShape(shape)}, stride ${formatShape([...ref.stride])}): only contiguous tensors are supported; save it after .contiguous()`,
      );
    }
    expected *= shape[d]!;
  }
  const elementBytes = ref.storage.elementBytes;
  const begin = ref.storageOffset * elementBytes;
  const end = begin + numel * elementBytes;
  if (ref.storageOffset + numel > ref.storage.numel || end > storage.length) {
    throw fail(
      `truncated storage: elements ${ref.storageOffset}..${ref.storageOffset + numel} of storage "${ref.storage.key}" are needed, ` +
        `it declares ${ref.storage.numel} and holds ${Math.floor(storage.length / elementBytes)}`,
    );
  }
  const raw = storage.subarray(begin, end);
  switch (ref.storage.dtype) {
    case 'float32':
      return { name, dtype: 'float32', shape, data: float32FromLE(raw) };
    case 'float16':
      return { name, dtype: 'float32', shape, data: float32FromFloat16LE(raw) };
    case 'bfloat16':
      return { name, dtype: 'float32', shape, data: float32FromBFloat16LE(raw) };
    case 'int64':
      return { name, dtype: 'int64', shape, data: int64FromLE(raw) };
    case 'int32':
      return { name, dtype: 'int32', shape, data: int32FromLE(raw) };
    default:
      throw fail(
        `unsupported dtype ${ref.storage.dtype} (torch.${ref.storage.storageType}); supported: float32, float16, bfloat16, int64, int32`,
      );
  }
}

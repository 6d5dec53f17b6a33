import { CheckpointError } from './errors';

/*
 * A SAFE interpreter for the subset of Python's pickle format that `torch.save` writes (protocol 2, plus the
 * few protocol-4 opcodes newer writers may use). Nothing in a pickle can run code here: globals are looked up
 * in a fixed allow-list of inert descriptors, and REDUCE only "calls" the three allowed constructors below,
 * which build plain data. Any other global, opcode or use is refused with a CheckpointError.
 */

/** The element types of torch's legacy typed storages (`torch.FloatStorage`, ...). */
export type TorchStorageDType =
  'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** `torch.<Name>Storage` -> element type and size. These are the only `torch.*` storage globals accepted. */
export const TORCH_STORAGE_TYPES: Readonly<Record<string, { dtype: TorchStorageDType; bytes: number }>> = {
  FloatStorage: { dtype: 'float32', bytes: 4 },
  DoubleStorage: { dtype: 'float64', bytes: 8 },
  HalfStorage: { dtype: 'float16', bytes: 2 },
  BFloat16Storage: { dtype: 'bfloat16', bytes: 2 },
  LongStorage: { dtype: 'int64', bytes: 8 },
  IntStorage: { dtype: 'int32', bytes: 4 },
  ShortStorage: { dtype: 'int16', bytes: 2 },
  CharStorage: { dtype: 'int8', bytes: 1 },
  ByteStorage: { dtype: 'uint8', bytes: 1 },
  BoolStorage: { dtype: 'bool', bytes: 1 },
};

/** The globals a pickle may name, as `module.name`. Everything else is refused. */
export const ALLOWED_PICKLE_GLOBALS: readonly string[] = [
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...Object.keys(TORCH_STORAGE_TYPES).map((s) => `torch.${s}`),
];

/** A Python tuple. */
export class PickleTuple {
  constructor(readonly items: readonly PickleValue[]) {}
}

/** A Python list. */
export class PickleList {
  constructor(readonly items: PickleValue[]) {}
}

/** A Python dict or `collections.OrderedDict`, in insertion order. */
export class PickleDict {
  readonly entries = new Map<PickleKey, PickleValue>();
  /** Instance attributes set by BUILD (state dicts carry `_metadata` this way); kept, not interpreted. */
  state: PickleValue | undefined = undefined;
  constructor(readonly ordered: boolean) {}
}

/** An allowed global, as pushed by GLOBAL / STACK_GLOBAL. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A storage named by a persistent id `('storage', torch.XStorage, key, location, numel)`; its bytes live in `data/<key>`. */
export class TorchStorageRef {
  constructor(
    readonly key: string,
    /** e.g. `FloatStorage` */
    readonly storageType: string,
    readonly dtype: TorchStorageDType,
    readonly elementBytes: number,
    readonly location: string,
    /** Elements in the storage (not bytes). */
    readonly numel: number,
  ) {}
}

/** What `_rebuild_tensor_v2` describes: a view of a storage. */
export class TorchTensorRef {
  constructor(
    readonly storage: TorchStorageRef,
    /** In elements. */
    readonly storageOffset: number,
    readonly size: readonly number[],
    /** In elements. */
    readonly stride: readonly number[],
    readonly requiresGrad: boolean,
    readonly isParameter: boolean,
  ) {}
}

/** Hashable values that may be dict keys. */
export type PickleKey = string | number | bigint | boolean | null;
export type PickleValue =
  PickleKey | PickleTuple | PickleList | PickleDict | PickleGlobal | TorchStorageRef | TorchTensorRef;

const OP = {
  PROTO: 0x80,
  FRAME: 0x95,
  STOP: 0x2e,
  MARK: 0x28,
  EMPTY_TUPLE: 0x29,
  TUPLE: 0x74,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  EMPTY_LIST: 0x5d,
  APPEND: 0x61,
  APPENDS: 0x65,
  EMPTY_DICT: 0x7d,
  SETITEM: 0x73,
  SETITEMS: 0x75,
  NONE: 0x4e,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  BININT: 0x4a,
  BININT1: 0x4b,
  BININT2: 0x4d,
  LONG1: 0x8a,
  BINFLOAT: 0x47,
  BINUNICODE: 0x58,
  SHORT_BINUNICODE: 0x8c,
  BINPUT: 0x71,
  LONG_BINPUT: 0x72,
  MEMOIZE: 0x94,
  BINGET: 0x68,
  LONG_BINGET: 0x6a,
  GLOBAL: 0x63,
  STACK_GLOBAL: 0x93,
  REDUCE: 0x52,
  BUILD: 0x62,
  BINPERSID: 0x51,
} as const;

/** The opcodes this interpreter knows (name -> byte). Any other byte is refused. */
export const SUPPORTED_PICKLE_OPCODES: Readonly<Record<keyof typeof OP, number>> = OP;
const OPCODE_NAMES = new Map(Object.entries(SUPPORTED_PICKLE_OPCODES).map(([name, byte]) => [byte, name]));

/**
 * Unpickles a `torch.save` `data.pkl`. Storages come back as {@link TorchStorageRef} (their bytes are not
 * read here), tensors as {@link TorchTensorRef}, state dicts as {@link PickleDict}.
 *
 * @param source the file name for error messages; `entry` the archive entry (e.g. `archive/data.pkl`)
 * @throws CheckpointError for a truncated or malformed pickle, an unsupported opcode, or any global outside
 *   {@link ALLOWED_PICKLE_GLOBALS}
 * @example
 * const root = loadTorchPickle(zip.read('archive/data.pkl'), 'pytorch_model.bin', 'archive/data.pkl');
 * if (root instanceof PickleDict) for (const [name, t] of root.entries) console.log(name, t);
 */
export function loadTorchPickle(bytes: Uint8Array, source = '<pickle>', entry?: string): PickleValue {
  const fail = (message: string, at: number) =>
    new CheckpointError(
      `pickle: ${message} (at byte ${at})`,
      entry !== undefined ? { file: source, field: entry } : { file: source },
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stack: PickleValue[] = [];
  /** Stack heights at each open MARK (Python's metastack). */
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;
  let opAt = 0;

  const need = (n: number) => {
    if (pos + n > bytes.length) throw fail(`truncated: the opcode needs ${n} more bytes`, opAt);
  };
  // Values below the innermost MARK are out of reach until that MARK is popped, as in Python.
  const floor = () => (marks.length > 0 ? marks[marks.length - 1]! : 0);
  const pop = (): PickleValue => {
    if (stack.length <= floor()) throw fail('stack underflow', opAt);
    return stack.pop()!;
  };
  const top = (): PickleValue => {
    if (stack.length <= floor()) throw fail('stack underflow', opAt);
    return stack[stack.length - 1]!;
  };
  const popMark = (): PickleValue[] => {
    const m = marks.pop();
    if (m === undefined) throw fail('no MARK to pop to', opAt);
    return stack.splice(m);
  };
  const readLine = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw fail('truncated: unterminated GLOBAL name', opAt);
    let s: string;
    try {
      s = decoder.decode(bytes.subarray(pos, end));
    } catch {
      throw fail('GLOBAL name is not valid UTF-8', opAt);
    }
    pos = end + 1;
    return s;
  };
  const readString = (length: number): string => {
    need(length);
    let s: string;
    try {
      s = decoder.decode(bytes.subarray(pos, pos + length));
    } catch {
      throw fail('string is not valid UTF-8', opAt);
    }
    pos += length;
    return s;
  };
  const memoGet = (index: number): PickleValue => {
    const v = memo.get(index);
    if (v === undefined) throw fail(`memo entry ${index} was never stored`, opAt);
    return v;
  };
  const resolveGlobal = (module: string, name: string): PickleGlobal => {
    const qualified = `${module}.${name}`;
    if (!ALLOWED_PICKLE_GLOBALS.includes(qualified)) {
      throw fail(`disallowed global "${qualified}": only ${ALLOWED_PICKLE_GLOBALS.join(', ')} are allowed`, opAt);
    }
    return new PickleGlobal(module, name);
  };
  const asKey = (v: PickleValue): PickleKey => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
      return v;
    throw fail(`unsupported dict key of type ${describe(v)}`, opAt);
  };

  for (;;) {
    opAt = pos;
    need(1);
    const op = bytes[pos++]!;
    switch (op) {
      case OP.PROTO: {
        need(1);
        const protocol = bytes[pos++]!;
        if (protocol < 2 || protocol > 5) throw fail(`unsupported pickle protocol ${protocol}`, opAt);
        break;
      }
      case OP.FRAME:
        need(8);
        pos += 8; // a framing hint only
        break;
      case OP.STOP: {
        if (stack.length !== 1 || marks.length !== 0)
          throw fail(`STOP with ${stack.length} values on the stack (expected 1)`, opAt);
        return pop();
      }
      case OP.MARK:
        marks.push(stack.length);
        break;
      case OP.EMPTY_TUPLE:
        stack.push(new PickleTuple([]));
        break;
      case OP.TUPLE: {
        const items = popMark();
        stack.push(new PickleTuple(items));
        break;
      }
      case OP.TUPLE1:
      case OP.TUPLE2:
      case OP.TUPLE3: {
        const n = op - OP.TUPLE1 + 1;
        const items: PickleValue[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop());
        stack.push(new PickleTuple(items));
        break;
      }
      case OP.EMPTY_LIST:
        stack.push(new PickleList([]));
        break;
      case OP.APPEND: {
        const v = pop();
        const list = top();
        if (!(list instanceof PickleList)) throw fail(`APPEND to a ${describe(list)}`, opAt);
        list.items.push(v);
        break;
      }
      case OP.APPENDS: {
        const items = popMark();
        const list = top();
        if (!(list instanceof PickleList)) throw fail(`APPENDS to a ${describe(list)}`, opAt);
        for (const item of items) list.items.push(item); // no spread: a huge MARK group must not overflow the call stack
        break;
      }
      case OP.EMPTY_DICT:
        stack.push(new PickleDict(false));
        break;
      case OP.SETITEM: {
        const value = pop();
        const key = asKey(pop());
        const dict = top();
        if (!(dict instanceof PickleDict)) throw fail(`SETITEM on a ${describe(dict)}`, opAt);
        dict.entries.set(key, value);
        break;
      }
      case OP.SETITEMS: {
        const items = popMark();
        if (items.length % 2 !== 0) throw fail('SETITEMS with an odd number of values', opAt);
        const dict = top();
        if (!(dict instanceof PickleDict)) throw fail(`SETITEMS on a ${describe(dict)}`, opAt);
        for (let i = 0; i < items.length; i += 2) dict.entries.set(asKey(items[i]!), items[i + 1]!);
        break;
      }
      case OP.NONE:
        stack.push(null);
        break;
      case OP.NEWTRUE:
        stack.push(true);
        break;
      case OP.NEWFALSE:
        stack.push(false);
        break;
      case OP.BININT:
        need(4);
        stack.push(view.getInt32(pos, true));
        pos += 4;
        break;
      case OP.BININT1:
        need(1);
        stack.push(bytes[pos++]!);
        break;
      case OP.BININT2:
        need(2);
        stack.push(view.getUint16(pos, true));
        pos += 2;
        break;
      case OP.LONG1: {
        need(1);
        const n = bytes[pos++]!;
        need(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[pos + i]!);
        if (n > 0 && bytes[pos + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
        pos += n;
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case OP.BINFLOAT:
        need(8);
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      case OP.BINUNICODE: {
        need(4);
        const n = view.getUint32(pos, true);
        pos += 4;
        stack.push(readString(n));
        break;
      }
      case OP.SHORT_BINUNICODE: {
        need(1);
        const n = bytes[pos++]!;
        stack.push(readString(n));
        break;
      }
      case OP.BINPUT:
        need(1);
        memo.set(bytes[pos++]!, top());
        break;
      case OP.LONG_BINPUT:
        need(4);
        memo.set(view.getUint32(pos, true), top());
        pos += 4;
        break;
      case OP.MEMOIZE:
        memo.set(memo.size, top());
        break;
      case OP.BINGET:
        need(1);
        stack.push(memoGet(bytes[pos++]!));
        break;
      case OP.LONG_BINGET:
        need(4);
        stack.push(memoGet(view.getUint32(pos, true)));
        pos += 4;
        break;
      case OP.GLOBAL: {
        const module = readLine();
        const name = readLine();
        stack.push(resolveGlobal(module, name));
        break;
      }
      case OP.STACK_GLOBAL: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw fail('STACK_GLOBAL needs two strings', opAt);
        stack.push(resolveGlobal(module, name));
        break;
      }
      case OP.REDUCE: {
        const args = pop();
        const callable = pop();
        if (!(callable instanceof PickleGlobal)) throw fail(`REDUCE on a ${describe(callable)}`, opAt);
        if (!(args instanceof PickleTuple))
          throw fail(`REDUCE of ${callable.qualifiedName} with non-tuple arguments`, opAt);
        stack.push(call(callable, args.items, (message) => fail(`${callable.qualifiedName}: ${message}`, opAt)));
        break;
      }
      case OP.BUILD: {
        const state = pop();
        const target = top();
        // Only dict instance attributes (an OrderedDict's `_metadata`) are accepted; they are stored, not applied.
        if (!(target instanceof PickleDict)) throw fail(`BUILD on a ${describe(target)} is not allowed`, opAt);
        target.state = state;
        break;
      }
      case OP.BINPERSID: {
        const pid = pop();
        stack.push(persistentLoad(pid, (message) => fail(`persistent id: ${message}`, opAt)));
        break;
      }
      default: {
        const known = OPCODE_NAMES.get(op);
        throw fail(`unsupported opcode 0x${op.toString(16).padStart(2, '0')}${known ? ` (${known})` : ''}`, opAt);
      }
    }
  }
}

/** The allowed constructors. Each checks its arguments and builds plain data. */
function call(
  callable: PickleGlobal,
  args: readonly PickleValue[],
  fail: (message: string) => CheckpointError,
): PickleValue {
  switch (callable.qualifiedName) {
    case 'collections.OrderedDict':
      if (args.length !== 0) throw fail('only the empty constructor is supported');
      return new PickleDict(true);
    case 'torch._utils._rebuild_tensor_v2': {
      // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
      if (args.length < 6 || args.length > 7) throw fail(`expected 6 or 7 arguments, got ${args.length}`);
      const [storage, offset, size, stride, requiresGrad, hooks] = args;
      if (!(storage instanceof TorchStorageRef)) throw fail(`storage argument is a ${describe(storage ?? null)}`);
      if (!isIndex(offset)) throw fail('storage_offset is not a non-negative integer');
      const sizes = intTuple(size);
      const strides = intTuple(stride);
      if (sizes === null) throw fail('size is not a tuple of non-negative integers');
      if (strides === null) throw fail('stride is not a tuple of non-negative integers');
      if (sizes.length !== strides.length)
        throw fail(`size has ${sizes.length} dimensions but stride has ${strides.length}`);
      checkNoHooks(hooks, fail);
      return new TorchTensorRef(storage, offset, sizes, strides, requiresGrad === true, false);
    }
    case 'torch._utils._rebuild_parameter': {
      // (data, requires_grad, backward_hooks)
      if (args.length !== 3) throw fail(`expected 3 arguments, got ${args.length}`);
      const [data, requiresGrad, hooks] = args;
      if (!(data instanceof TorchTensorRef)) throw fail(`data argument is a ${describe(data ?? null)}`);
      checkNoHooks(hooks, fail);
      return new TorchTensorRef(data.storage, data.storageOffset, data.size, data.stride, requiresGrad === true, true);
    }
    default:
      throw fail('is not callable');
  }
}

function persistentLoad(pid: PickleValue, fail: (message: string) => CheckpointError): TorchStorageRef {
  if (!(pid instanceof PickleTuple) || pid.items.length !== 5)
    throw fail(`expected a 5-tuple ('storage', type, key, location, numel), got a ${describe(pid)}`);
  const [kind, type, key, location, numel] = pid.items;
  if (kind !== 'storage') throw fail(`unsupported kind ${JSON.stringify(kind)}`);
  if (!(type instanceof PickleGlobal) || type.module !== 'torch' || TORCH_STORAGE_TYPES[type.name] === undefined)
    throw fail('the storage type is not a torch.*Storage');
  if (typeof key !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(key) || key.includes('..'))
    throw fail(`invalid storage key ${JSON.stringify(String(key))}`);
  if (typeof location !== 'string') throw fail('location is not a string');
  if (!isIndex(numel)) throw fail('numel is not a non-negative integer');
  const spec = TORCH_STORAGE_TYPES[type.name]!;
  return new TorchStorageRef(key, type.name, spec.dtype, spec.bytes, location, numel);
}

function checkNoHooks(hooks: PickleValue | undefined, fail: (message: string) => CheckpointError): void {
  if (hooks === null || hooks === undefined) return;
  if (!(hooks instanceof PickleDict) || hooks.entries.size !== 0) throw fail('backward_hooks must be empty');
}

function isIndex(v: PickleValue | undefined): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function intTuple(v: PickleValue | undefined): number[] | null {
  if (!(v instanceof PickleTuple)) return null;
  return v.items.every(isIndex) ? (v.items as number[]) : null;
}

/** A short type name for messages. */
export function describe(v: PickleValue): string {
  if (v === null) return 'None';
  if (v instanceof PickleTuple) return 'tuple';
  if (v instanceof PickleList) return 'list';
  if (v instanceof PickleDict) return v.ordered ? 'OrderedDict' : 'dict';
  if (v instanceof PickleGlobal) return `global ${v.qualifiedName}`;
  if (v instanceof TorchStorageRef) return 'storage';
  if (v instanceof TorchTensorRef) return 'tensor';
  return typeof v;
}

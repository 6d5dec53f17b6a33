import { describe, expect, it } from 'vitest';
import { loadTorchPickle, PickleDict, PickleList, PickleTuple, TorchTensorRef } from './pickle';
import {
  APPENDS,
  asm,
  EMPTY_DICT,
  EMPTY_LIST,
  EMPTY_TUPLE,
  float,
  get,
  global,
  int,
  int1,
  long1,
  MARK,
  NEWTRUE,
  NONE,
  PROTO2,
  put,
  REDUCE,
  SETITEMS,
  shortStr,
  STACK_GLOBAL,
  STOP,
  str,
  torchStateDictPickle,
  TUPLE1,
} from './testing/pickleAsm';
import { fixtureBytes } from './testing/fixtures';
import { openZip } from './zipReader';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

describe('loadTorchPickle', () => {
  it('reads the fixture state dict: 54 tensors described by storage, offset, size and stride', () => {
    const zip = openZip(fixtureBytes('convbert-tiny', 'pytorch_model.bin'));
    const root = loadTorchPickle(zip.read('pytorch_model/data.pkl'), 'pytorch_model.bin', 'pytorch_model/data.pkl');
    expect(root).toBeInstanceOf(PickleDict);
    const dict = root as PickleDict;
    expect(dict.entries.size).toBe(54);
    const ids = dict.entries.get('embeddings.position_ids') as TorchTensorRef;
    expect(ids).toBeInstanceOf(TorchTensorRef);
    expect(ids.storage).toMatchObject({
      key: '3',
      storageType: 'LongStorage',
      dtype: 'int64',
      numel: 64,
      location: 'cpu',
    });
    expect(ids.size).toEqual([1, 64]);
    expect(ids.stride).toEqual([64, 1]);
    const word = dict.entries.get('embeddings.word_embeddings.weight') as TorchTensorRef;
    expect(word.storage.storageType).toBe('FloatStorage');
    expect(word.size).toEqual([120, 16]);
  });

  it('handles lists, memo, big and negative ints, floats, None, booleans and protocol-4 strings', () => {
    const bytes = asm(
      PROTO2,
      EMPTY_DICT,
      put(0),
      MARK,
      str('a'),
      EMPTY_LIST,
      MARK,
      int(1),
      int(-2),
      long1(2n ** 40n),
      long1(-(2n ** 70n)),
      float(1.5),
      NONE,
      NEWTRUE,
      APPENDS,
      shortStr('b'),
      str('x'),
      put(1),
      TUPLE1,
      str('c'),
      get(1),
      SETITEMS,
      STOP,
    );
    const root = loadTorchPickle(bytes) as PickleDict;
    const a = root.entries.get('a') as PickleList;
    expect(a.items).toEqual([1, -2, 2 ** 40, -(2n ** 70n), 1.5, null, true]);
    expect((root.entries.get('b') as PickleTuple).items).toEqual(['x']);
    expect(root.entries.get('c')).toBe('x');
  });

  it('reads parameters, OrderedDict state dicts and their _metadata BUILD', () => {
    const bytes = torchStateDictPickle([
      { name: 'w', storageType: 'HalfStorage', key: '0', numel: 4, offset: 1, size: [3], stride: [1], parameter: true },
    ]);
    const root = loadTorchPickle(bytes) as PickleDict;
    expect(root.ordered).toBe(true);
    expect(root.state).toBeInstanceOf(PickleDict);
    const w = root.entries.get('w') as TorchTensorRef;
    expect(w).toMatchObject({ storageOffset: 1, size: [3], stride: [1], requiresGrad: true, isParameter: true });
    expect(w.storage).toMatchObject({ dtype: 'float16', elementBytes: 2 });
  });
});

describe('loadTorchPickle refuses anything outside the torch subset', () => {
  it('a malicious pickle calling os.system is refused at the GLOBAL, before anything runs', () => {
    // The classic exploit: os.system('touch pwned'), written with GLOBAL + REDUCE.
    const evil = asm(PROTO2, global('os', 'system'), str('touch pwned'), TUPLE1, REDUCE, STOP);
    const e = checkpointErrorOf(() => loadTorchPickle(evil, 'pytorch_model.bin', 'archive/data.pkl'));
    expect(e.message).toMatch(
      /^pytorch_model\.bin: field "archive\/data\.pkl": pickle: disallowed global "os\.system"/,
    );
    expect(e.message).toMatch(/at byte 2/);
  });

  it('the same through STACK_GLOBAL, and near-miss torch globals', () => {
    const stackGlobal = asm(
      [0x80, 4],
      shortStr('builtins'),
      shortStr('eval'),
      STACK_GLOBAL,
      shortStr('1+1'),
      TUPLE1,
      REDUCE,
      STOP,
    );
    expect(checkpointErrorOf(() => loadTorchPickle(stackGlobal, 'm.bin')).message).toMatch(
      /disallowed global "builtins\.eval"/,
    );
    const legacyRebuild = asm(PROTO2, global('torch._utils', '_rebuild_tensor'), EMPTY_TUPLE, REDUCE, STOP);
    expect(checkpointErrorOf(() => loadTorchPickle(legacyRebuild, 'm.bin')).message).toMatch(
      /disallowed global "torch\._utils\._rebuild_tensor"/,
    );
    const torchLoad = asm(PROTO2, global('torch', 'load'), STOP);
    expect(checkpointErrorOf(() => loadTorchPickle(torchLoad, 'm.bin')).message).toMatch(
      /disallowed global "torch\.load"/,
    );
  });

  it('allowed globals used the wrong way', () => {
    const callStorage = asm(PROTO2, global('torch', 'FloatStorage'), EMPTY_TUPLE, REDUCE, STOP);
    expect(checkpointErrorOf(() => loadTorchPickle(callStorage, 'm.bin')).message).toMatch(
      /torch\.FloatStorage: is not callable/,
    );
    const orderedWithArgs = asm(PROTO2, global('collections', 'OrderedDict'), int1(1), TUPLE1, REDUCE, STOP);
    expect(checkpointErrorOf(() => loadTorchPickle(orderedWithArgs, 'm.bin')).message).toMatch(
      /only the empty constructor/,
    );
    const badPid = asm(PROTO2, str('not a storage'), 0x51, STOP);
    expect(checkpointErrorOf(() => loadTorchPickle(badPid, 'm.bin')).message).toMatch(
      /persistent id: expected a 5-tuple/,
    );
    const buildOnTuple = asm(PROTO2, EMPTY_TUPLE, EMPTY_DICT, 0x62, STOP);
    expect(checkpointErrorOf(() => loadTorchPickle(buildOnTuple, 'm.bin')).message).toMatch(
      /BUILD on a tuple is not allowed/,
    );
  });

  it('unsupported opcodes, truncation and stack misuse', () => {
    // INST (protocol 0 class instantiation) is not in the subset.
    expect(
      checkpointErrorOf(() =>
        loadTorchPickle(asm(PROTO2, 0x69, ...new TextEncoder().encode('os\nsystem\n'), STOP), 'm.bin'),
      ).message,
    ).toMatch(/unsupported opcode 0x69/);
    const full = torchStateDictPickle([
      { name: 'w', storageType: 'FloatStorage', key: '0', numel: 4, offset: 0, size: [4], stride: [1] },
    ]);
    expect(checkpointErrorOf(() => loadTorchPickle(full.subarray(0, 40), 'm.bin')).message).toMatch(/truncated/);
    expect(checkpointErrorOf(() => loadTorchPickle(full.subarray(0, full.length - 1), 'm.bin')).message).toMatch(
      /truncated/,
    );
    expect(checkpointErrorOf(() => loadTorchPickle(asm(PROTO2, REDUCE, STOP), 'm.bin')).message).toMatch(
      /stack underflow/,
    );
    expect(checkpointErrorOf(() => loadTorchPickle(asm(PROTO2, get(7), STOP), 'm.bin')).message).toMatch(
      /memo entry 7 was never stored/,
    );
    expect(checkpointErrorOf(() => loadTorchPickle(asm([0x80, 1], NONE, STOP), 'm.bin')).message).toMatch(
      /unsupported pickle protocol 1/,
    );
    expect(
      checkpointErrorOf(() => loadTorchPickle(asm(PROTO2, 0x63, 0xff, 0x0a, 0x41, 0x0a, STOP), 'm.bin')).message,
    ).toMatch(/GLOBAL name is not valid UTF-8/);
    expect(
      checkpointErrorOf(() => loadTorchPickle(asm(PROTO2, [0x58, 2, 0, 0, 0, 0xc3, 0x28], STOP), 'm.bin')).message,
    ).toMatch(/string is not valid UTF-8/);
  });
});

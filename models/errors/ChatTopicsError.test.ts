import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../checkpoint/errors';
import { EmbedInputError, EmbedOverloadError, EmbedWorkerError, HttpEmbedderError } from '../embedding/errors';
import { FillMaskError } from '../fillmask/errors';
import { ModelFormatError } from '../format/errors';
import { HubDownloadError } from '../hub/errors';
import { InferenceError } from '../onnx/errors';
import { HdbscanParamError } from '../topics/hdbscan/errors';
import { TrainingCancelledError, TrainingError } from '../training/errors';
import { ChatTopicsError, ERROR_KINDS, type ErrorKind } from './ChatTopicsError';

class NotThereError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'not-found';
}
class StillNotThereError extends NotThereError {}

describe('ChatTopicsError', () => {
  it('takes its kind from its class, inherited by subclasses that state none', () => {
    expect(new ChatTopicsError('x').kind).toBe('bad-input');
    expect(new NotThereError('x').kind).toBe('not-found');
    expect(new StillNotThereError('x').kind).toBe('not-found');
  });

  it('lets one instance state its own kind', () => {
    expect(new NotThereError('x', { kind: 'conflict' }).kind).toBe('conflict');
  });

  it('is named after its class and keeps a cause only when given one', () => {
    const plain = new StillNotThereError('no thing');
    expect(plain.name).toBe('StillNotThereError');
    expect('cause' in plain).toBe(false);
    const cause = new Error('disk');
    expect(new NotThereError('no thing', { cause }).cause).toBe(cause);
  });

  it('keeps a code and params for the dashboard only when given one', () => {
    expect(new NotThereError('x').coded).toBeUndefined();
    expect(new NotThereError('no stream "s"', { code: 'stream.unknown', params: { streamId: 's' } }).coded).toEqual({
      code: 'stream.unknown',
      params: { streamId: 's' },
    });
    expect(new NotThereError('empty', { code: 'import.empty' }).coded).toEqual({ code: 'import.empty' });
  });

  it('lists every kind once', () => {
    expect(new Set(ERROR_KINDS).size).toBe(ERROR_KINDS.length);
    expect(ERROR_KINDS).toContain('internal');
  });
});

describe('model errors share the root', () => {
  it.each<[string, ChatTopicsError, ErrorKind]>([
    ['CheckpointError', new CheckpointError('bad', { file: 'x' }), 'bad-input'],
    ['ModelFormatError', new ModelFormatError('bad'), 'bad-input'],
    ['FillMaskError', new FillMaskError('bad'), 'bad-input'],
    ['HdbscanParamError', new HdbscanParamError('INVALID_DIMS', 'bad'), 'bad-input'],
    ['TrainingError', new TrainingError('bad'), 'bad-input'],
    ['TrainingCancelledError', new TrainingCancelledError('stop'), 'cancelled'],
    ['EmbedInputError', new EmbedInputError('bad'), 'bad-input'],
    ['EmbedOverloadError', new EmbedOverloadError('full', 'queue-full'), 'overloaded'],
    ['EmbedWorkerError', new EmbedWorkerError('crashed'), 'internal'],
    ['HttpEmbedderError', new HttpEmbedderError('refused', 'http://h'), 'upstream'],
    ['InferenceError', new InferenceError('ort failed', { model: 'm.onnx' }), 'internal'],
  ])('%s is a ChatTopicsError of its kind, keeping its name', (name, error, kind) => {
    expect(error).toBeInstanceOf(ChatTopicsError);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(name);
  });

  it('a hub download is not-found for a 404, upstream for other statuses, bad-input when told', () => {
    expect(new HubDownloadError('missing', { status: 404 }).kind).toBe('not-found');
    expect(new HubDownloadError('denied', { status: 401 }).kind).toBe('upstream');
    expect(new HubDownloadError('network', {}).kind).toBe('upstream');
    expect(new HubDownloadError('bad id', { kind: 'bad-input' }).kind).toBe('bad-input');
  });
});

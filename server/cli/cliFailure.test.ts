import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../models/format/errors';
import { HubDownloadError } from '../../models/hub/errors';
import { InferenceError } from '../../models/onnx/errors';
import { ERROR_KINDS, UsageError } from '../errors';
import { cliFailureOf, EXIT_CODE_BY_KIND } from './cliFailure';

describe('cliFailureOf', () => {
  it('gives every kind an exit code: 1 for what the user can act on, 70 when our own machinery failed', () => {
    expect(Object.keys(EXIT_CODE_BY_KIND).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) expect(EXIT_CODE_BY_KIND[kind]).toBe(kind === 'internal' ? 70 : 1);
    expect(cliFailureOf(new InferenceError('the runtime refused the graph', { model: 'm' }), 'embed')?.exitCode).toBe(
      70,
    );
  });

  it('prints our errors as one line naming the command, without a stack trace', () => {
    expect(cliFailureOf(new UsageError('--port: expected an integer'), 'serve')).toEqual({
      exitCode: 1,
      message: 'chat-topics serve: --port: expected an integer\n',
    });
    const failure = cliFailureOf(new ModelFormatError('sha256 differs', { dir: 'm', file: 'model.onnx' }), 'model');
    expect(failure?.message).toBe('chat-topics model: m/model.onnx: sha256 differs\n');
    expect(failure?.message).not.toMatch(/\n\s+at /);
  });

  it('reports model-library errors, once bridged by hand, directly', () => {
    expect(cliFailureOf(new HubDownloadError('HTTP 401: set HF_TOKEN', { status: 401 }), 'model')?.exitCode).toBe(1);
  });

  it('lets anything else through (null): a bug, whose stack the caller prints', () => {
    expect(cliFailureOf(new TypeError('x is undefined'), 'serve')).toBeNull();
    expect(cliFailureOf('thrown string', 'serve')).toBeNull();
  });
});

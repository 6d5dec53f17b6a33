import { describe, expect, it } from 'vitest';
import { ChatTopicsError, ERROR_KINDS, ImportFormatError, type ErrorKind } from './errors';
import { HTTP_STATUS_BY_KIND, HttpStatusError, httpStatusOf, kindOfHttpStatus } from './httpStatus';
import { ModelExistsError, UnknownModelError } from './registry/errors';
import { ModelFormatError } from '../models/format/errors';
import { HubDownloadError } from '../models/hub/errors';
import { EmbedWorkerError } from '../models/embedding/errors';

/** A class of the given name and kind, as a rename would leave it. */
function errorClass(name: string, kind: ErrorKind): new (message: string) => ChatTopicsError {
  const cls = class extends ChatTopicsError {
    static override readonly kind = kind;
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

describe('httpStatusOf', () => {
  it('answers each kind with its status: the statuses the admin API and the import route have always used', () => {
    expect(HTTP_STATUS_BY_KIND).toEqual({
      'bad-input': 400,
      'not-found': 404,
      conflict: 409,
      forbidden: 403,
      upstream: 502,
      overloaded: 429,
      cancelled: 409,
      internal: 500,
    });
    expect(Object.keys(HTTP_STATUS_BY_KIND).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it('maps our errors by kind: registry, model format, hub and worker errors', () => {
    expect(httpStatusOf(new UnknownModelError('x@1', 'data/models'))).toBe(404);
    expect(httpStatusOf(new ModelExistsError('x@1', 'data/models'))).toBe(409);
    expect(httpStatusOf(new ModelFormatError('bad manifest'))).toBe(400);
    expect(httpStatusOf(new ImportFormatError('unknown format'))).toBe(400);
    expect(httpStatusOf(new HubDownloadError('no such repo', { status: 404 }))).toBe(404);
    expect(httpStatusOf(new HubDownloadError('network failure'))).toBe(502);
    expect(httpStatusOf(new EmbedWorkerError('worker crashed'))).toBe(500);
  });

  it('follows the kind, never the class name: a rename cannot change a status', () => {
    // Names the old class-name regex read as 404 and 409; their kinds say otherwise, and win.
    expect(httpStatusOf(new (errorClass('UnknownThingError', 'bad-input'))('x'))).toBe(400);
    expect(httpStatusOf(new (errorClass('ModelRegistryError', 'not-found'))('x'))).toBe(404);
    const Before = errorClass('UnknownModelError', 'not-found');
    const After = errorClass('MissingModelVersionError', 'not-found');
    expect(httpStatusOf(new After('x'))).toBe(httpStatusOf(new Before('x')));
  });

  it('keeps the exact status of an HttpStatusError and derives its kind from it', () => {
    expect(httpStatusOf(new HttpStatusError(405, 'use POST'))).toBe(405);
    expect(new HttpStatusError(401, 'not signed in').kind).toBe('forbidden');
    expect(new HttpStatusError(413, 'too large').kind).toBe('bad-input');
    expect(new HttpStatusError(503, 'not available').kind).toBe('overloaded');
  });

  it('keeps a 4xx/5xx status a foreign error names; anything else foreign is a 500', () => {
    expect(httpStatusOf(Object.assign(new Error('no job'), { status: 404 }))).toBe(404);
    expect(httpStatusOf(Object.assign(new Error('gone'), { statusCode: 410 }))).toBe(410);
    expect(httpStatusOf(Object.assign(new Error('odd'), { status: 200 }))).toBe(500);
    expect(httpStatusOf(new TypeError('bug'))).toBe(500);
    expect(httpStatusOf('thrown string')).toBe(500);
  });
});

describe('kindOfHttpStatus', () => {
  it('reads statuses as kinds, so each kind maps back to its own status', () => {
    for (const kind of ERROR_KINDS.filter((k) => k !== 'cancelled'))
      expect(kindOfHttpStatus(HTTP_STATUS_BY_KIND[kind])).toBe(kind);
    expect(kindOfHttpStatus(421)).toBe('forbidden');
    expect(kindOfHttpStatus(418)).toBe('bad-input');
    expect(kindOfHttpStatus(599)).toBe('internal');
  });
});

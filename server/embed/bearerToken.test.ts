import { describe, expect, it } from 'vitest';
import { checkBearer } from './bearerToken';

describe('checkBearer', () => {
  it('accepts exactly the token, case-insensitive scheme, and tells missing from wrong', () => {
    expect(checkBearer('Bearer s3cret', 's3cret')).toBe('ok');
    expect(checkBearer('bearer   s3cret  ', 's3cret')).toBe('ok');
    expect(checkBearer('Bearer s3cre', 's3cret')).toBe('invalid');
    expect(checkBearer('Bearer s3cret-and-more', 's3cret')).toBe('invalid');
    expect(checkBearer('Basic czNjcmV0', 's3cret')).toBe('missing');
    expect(checkBearer('Bearer ', 's3cret')).toBe('missing');
    expect(checkBearer(undefined, 's3cret')).toBe('missing');
  });
});

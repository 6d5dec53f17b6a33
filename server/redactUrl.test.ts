import { describe, expect, it } from 'vitest';
import { redactUrl } from './redactUrl';

describe('redactUrl', () => {
  it('hides the password of a Redis or PostgreSQL URL and nothing else', () => {
    expect(redactUrl('redis://user:secret@10.0.0.5:6379')).toBe('redis://user:***@10.0.0.5:6379');
    expect(redactUrl('rediss://:secret@host')).toBe('rediss://:***@host');
    expect(redactUrl('postgres://chat:s3cret@db:5432/archive')).toBe('postgres://chat:***@db:5432/archive');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('postgres://chat:pw@[bad')).toBe('postgres://(unparsable URL)');
  });
});

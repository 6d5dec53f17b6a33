import { expect } from 'vitest';

/**
 * Test helper: runs `f`, expects it to throw an instance of `errorClass`, and returns `"<code>: <message>"` (or
 * `"no error"`), so one regular expression checks both the error code and what the message names.
 * @example expect(thrownCode(() => fitUmap(v, 0), UmapParamError)).toMatch(/^INVALID_DIM/);
 */
export function thrownCode(f: () => unknown, errorClass: new (...args: never[]) => Error & { code: string }): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(errorClass);
    return `${(e as Error & { code: string }).code}: ${(e as Error).message}`;
  }
  return 'no error';
}

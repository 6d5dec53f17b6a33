import { expect } from 'vitest';
import { CheckpointError } from '../errors';

/** Runs `fn`, asserts it throws a `CheckpointError`, and returns it for checks on its message and fields. */
export function checkpointErrorOf(fn: () => unknown): CheckpointError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CheckpointError);
    return e as CheckpointError;
  }
  throw new Error('expected a CheckpointError');
}

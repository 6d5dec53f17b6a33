import { describe, expect, it } from 'vitest';
import { nextReplaySpeed, rememberReplaySpeed } from './replaySpeed';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('replay speed', () => {
  it('starts a first replay at x1, then at the speed last chosen', () => {
    const storage = memoryStorage();
    expect(nextReplaySpeed(storage)).toBe(1);
    rememberReplaySpeed(100, storage);
    expect(nextReplaySpeed(storage)).toBe(100);
  });

  it('ignores a stored value that is not one of the offered speeds, and works without storage', () => {
    const storage = memoryStorage();
    storage.setItem('chat-topics.replaySpeed', '7');
    expect(nextReplaySpeed(storage)).toBe(1);
    expect(nextReplaySpeed(undefined)).toBe(1);
    expect(() => rememberReplaySpeed(10, undefined)).not.toThrow();
  });
});

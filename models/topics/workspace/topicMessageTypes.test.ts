import { describe, expect, it } from 'vitest';
import { topicMessageTypes } from './topicMessageTypes';

describe('topicMessageTypes', () => {
  it('types each topic from its own messages, leaving noise out', () => {
    const messages = ['salut', '+1', 'coucou', '+1', 'KEKW', 'bonsoir', '+1'].map((text, i) => ({
      text,
      user: `u${i}`,
    }));
    const labels = Int32Array.of(0, 1, 0, 1, -1, 0, 1);
    expect(topicMessageTypes(messages, labels, 3)).toEqual(['greeting', 'vote', 'other']);
    expect(topicMessageTypes([], new Int32Array(0), 0)).toEqual([]);
  });
});

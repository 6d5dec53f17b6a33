import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../../../contracts/analysis';
import { MESSAGE_TYPE_EXAMPLES } from './messageTypes.examples';
import { MESSAGE_TYPE_RULES, messageType } from './messageTypes';
import { topicFeatures } from './topicFeatures';

describe('messageType on the hand-labelled French topics', () => {
  const results = MESSAGE_TYPE_EXAMPLES.map((e) => ({ ...e, got: messageType(topicFeatures(e.messages)) }));

  it('has at least 40 examples covering every type', () => {
    expect(MESSAGE_TYPE_EXAMPLES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MESSAGE_TYPE_EXAMPLES.map((e) => e.expected))).toEqual(new Set(MESSAGE_TYPES));
  });

  it('classifies every example as labelled', () => {
    const misses = results
      .filter((r) => r.got !== r.expected)
      .map((r) => `${r.name}: ${r.got} (expected ${r.expected})`);
    expect(misses).toEqual([]);
  });

  it.each(MESSAGE_TYPE_EXAMPLES.map((e) => [e.name, e] as const))('%s', (_, example) => {
    expect(messageType(topicFeatures(example.messages))).toBe(example.expected);
  });
});

describe('MESSAGE_TYPE_RULES', () => {
  it('ends with a rule that always holds, so every topic gets a type', () => {
    expect(MESSAGE_TYPE_RULES.at(-1)!.type).toBe('other');
    expect(messageType(topicFeatures([{ text: 'hmm', user: 'a' }]))).toBe('other');
  });

  it('tries a vote before a wave: a repeated "+1" is a vote, a repeated "GG" a wave', () => {
    const plus = topicFeatures(['+1', '+1', '+1'].map((text, i) => ({ text, user: `u${i}` })));
    const gg = topicFeatures(['GG', 'GG', 'GG'].map((text, i) => ({ text, user: `u${i}` })));
    expect(messageType(plus)).toBe('vote');
    expect(messageType(gg)).toBe('emote-wave');
  });
});

import { describe, expect, it } from 'vitest';
import { foldText } from '../foldText';
import { drillRows } from './toolsDrillRows';
import { fakeAnalysis, fakeTopic } from './toolsFixture';

const { messages } = fakeAnalysis(
  [fakeTopic(0, 3), fakeTopic(1, 1)],
  [
    [1, 0, "l'Arbitre est nul", 'alice'],
    [5, 0, 'carton rouge', 'bob'],
    [9, 1, 'salut', 'carol'],
    [12, -1, '<b>x</b>', 'mallory'],
    [20, 0, 'arbitré', 'dave'],
  ],
);

describe('drillRows', () => {
  it('lists the selected topic in time order', () => {
    expect(drillRows(messages, { topic: 0, range: null }, '')).toEqual([0, 1, 4]);
  });

  it('narrows a topic to the brushed range', () => {
    expect(drillRows(messages, { topic: 0, range: [2, 30] }, '')).toEqual([1, 4]);
  });

  it('lists every message of the brushed range, noise included, when no topic is selected', () => {
    expect(drillRows(messages, { topic: null, range: [5, 12] }, '')).toEqual([1, 2, 3]);
  });

  it('lists nothing when nothing is selected', () => {
    expect(drillRows(messages, { topic: null, range: null }, 'a')).toEqual([]);
  });

  it('filters by text or user, ignoring case and accents', () => {
    expect(drillRows(messages, { topic: 0, range: null }, 'ARBITRE')).toEqual([0, 4]);
    expect(drillRows(messages, { topic: 0, range: null }, 'bob')).toEqual([1]);
    expect(drillRows(messages, { topic: null, range: [0, 30] }, '<b>')).toEqual([3]);
  });
});

describe('foldText', () => {
  it('lowers case and strips accents', () => {
    expect(foldText('Élève ARBITRÉ')).toBe('eleve arbitre');
  });
});

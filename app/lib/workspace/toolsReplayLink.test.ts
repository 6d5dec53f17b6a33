import { describe, expect, it } from 'vitest';
import { replayHref, replayStartFrom } from './toolsReplayLink';

describe('replayHref', () => {
  it('opens the replay two seconds before the message, never before 0', () => {
    expect(replayHref('replay:abc', 754.6)).toBe('/replay/replay%3Aabc?t=752');
    expect(replayHref('k', 1)).toBe('/replay/k?t=0');
  });
});

describe('replayStartFrom', () => {
  it('reads whole seconds from ?t=', () => {
    expect(replayStartFrom('?t=752')).toBe(752);
    expect(replayStartFrom('?x=1&t=12.9')).toBe(12);
  });

  it('ignores a missing, negative or non-numeric time', () => {
    expect(replayStartFrom('')).toBeNull();
    expect(replayStartFrom('?t=')).toBeNull();
    expect(replayStartFrom('?t=-5')).toBeNull();
    expect(replayStartFrom('?t=abc')).toBeNull();
  });
});

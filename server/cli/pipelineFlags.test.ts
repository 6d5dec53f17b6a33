import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { UsageError } from '../errors';
import { pipelineParamsFromFlags } from './pipelineFlags';

describe('pipelineParamsFromFlags: windows', () => {
  it('leaves windows out without the flags: the parameters are the defaults exactly, no window key', () => {
    const params = pipelineParamsFromFlags({});
    expect(params).toEqual(TopicPipelineParamsSchema.parse({}));
    expect(Object.hasOwn(params, 'window')).toBe(false);
  });

  it('reads --window-minutes with a step of half the window by default, or --window-step', () => {
    expect(pipelineParamsFromFlags({ 'window-minutes': '20' }).window).toEqual({ minutes: 20, stepMinutes: 10 });
    expect(pipelineParamsFromFlags({ 'window-minutes': '20', 'window-step': '5' }).window).toEqual({
      minutes: 20,
      stepMinutes: 5,
    });
  });

  it('refuses a step without a window, and a step wider than the window', () => {
    expect(() => pipelineParamsFromFlags({ 'window-step': '5' })).toThrow(UsageError);
    expect(() => pipelineParamsFromFlags({ 'window-minutes': '10', 'window-step': '15' })).toThrow(
      /window\.stepMinutes/,
    );
  });

  it('reads --window-above as a number of messages or "off", and refuses anything else', () => {
    expect(pipelineParamsFromFlags({}).longStream.windowAboveMessages).toBe(50_000);
    expect(pipelineParamsFromFlags({ 'window-above': '80000' }).longStream.windowAboveMessages).toBe(80_000);
    expect(pipelineParamsFromFlags({ 'window-above': 'off' }).longStream.windowAboveMessages).toBeNull();
    expect(() => pipelineParamsFromFlags({ 'window-above': 'many' })).toThrow(/--window-above/);
  });
});

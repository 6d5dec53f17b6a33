import type { TopicPipelineParams } from '../../../contracts/analysis';

type WindowParams = NonNullable<TopicPipelineParams['window']>;

/**
 * The windows `analyze` gives a long stream by itself (see `LongStreamParamsSchema`): none up to
 * `windowAboveMessages` clustered messages or when windows are already asked for; above, windows holding
 * `windowMessages` messages at the stream's mean rate, one every half window, in whole minutes.
 *
 * @param elapsed clustered messages' times, in any order
 * @param params the pipeline's parameters
 * @returns the window to use, or undefined for one global fit (or the one already in `params`)
 * @example
 * longStreamWindow(times, TopicPipelineParamsSchema.parse({})); // 100k messages at 5 msg/s: { minutes: 33, stepMinutes: 16.5 }
 */
export function longStreamWindow(elapsed: ArrayLike<number>, params: TopicPipelineParams): WindowParams | undefined {
  const { windowAboveMessages, windowMessages } = params.longStream;
  const n = elapsed.length;
  if (params.window || windowAboveMessages === null || n <= windowAboveMessages) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    first = Math.min(first, elapsed[i]!);
    last = Math.max(last, elapsed[i]!);
  }
  const perMinute = n / Math.max(1, (last - first) / 60);
  const minutes = Math.max(1, Math.round(windowMessages / perMinute));
  return { minutes, stepMinutes: minutes / 2 };
}

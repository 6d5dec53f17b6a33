/** One time window of a windowed analysis: messages [from, to) of the elapsed-sorted stream. */
export interface TimeWindow {
  /** Stream seconds the window covers: [start, end). */
  start: number;
  end: number;
  /** Index range of its messages in the elapsed-sorted stream. */
  from: number;
  to: number;
}

/**
 * Overlapping windows of `windowSeconds`, one every `stepSeconds`, from the first message until a window reaches
 * past the last one. Windows without messages are kept (their index range is empty) so that window k always starts
 * at first + k x step: the owner rule (see {@link ownerWindows}) relies on it.
 *
 * @param elapsed message times in non-decreasing order
 * @param windowSeconds width of each window (> 0)
 * @param stepSeconds distance between window starts (0 < step <= width, so every message lies in a window)
 * @example
 * planWindows([0, 100, 400], 300, 150); // [0,300) [150,450): from/to 0-2 and 2-3
 */
export function planWindows(elapsed: ArrayLike<number>, windowSeconds: number, stepSeconds: number): TimeWindow[] {
  if (!(windowSeconds > 0) || !(stepSeconds > 0) || stepSeconds > windowSeconds)
    throw new RangeError(`planWindows: need 0 < step (${stepSeconds}) <= window (${windowSeconds})`);
  const n = elapsed.length;
  if (n === 0) return [];
  const first = elapsed[0]!;
  const last = elapsed[n - 1]!;
  const windows: TimeWindow[] = [];
  let from = 0;
  let to = 0;
  for (let k = 0; ; k++) {
    const start = first + k * stepSeconds;
    const end = start + windowSeconds;
    while (from < n && elapsed[from]! < start) from++;
    while (to < n && elapsed[to]! < end) to++;
    windows.push({ start, end, from, to });
    if (end > last) break;
  }
  return windows;
}

/**
 * The window each message belongs to in the final analysis: the one whose centre is closest to the message in
 * time (ties: the later window, so a message on a window's end never counts for it). With step <= width that window always contains the message, and each message
 * sits where it has the most context on both sides. O(n): window k's centre is first + k x step + width / 2.
 *
 * @param elapsed message times in non-decreasing order (the ones given to planWindows)
 * @param windows planWindows' result for them
 * @example
 * ownerWindows([0, 100, 400], planWindows([0, 100, 400], 300, 150)); // [0, 0, 1]
 */
export function ownerWindows(elapsed: ArrayLike<number>, windows: readonly TimeWindow[]): Int32Array {
  const owners = new Int32Array(elapsed.length);
  if (windows.length === 0) return owners;
  const first = windows[0]!.start;
  const width = windows[0]!.end - first;
  const step = windows.length > 1 ? windows[1]!.start - first : width;
  for (let i = 0; i < elapsed.length; i++) {
    const k = Math.floor((elapsed[i]! - first - width / 2) / step + 0.5);
    owners[i] = Math.min(windows.length - 1, Math.max(0, k));
  }
  return owners;
}

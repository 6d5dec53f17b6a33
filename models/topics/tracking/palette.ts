/**
 * The palette index for a new (or revived) topic: a colour no live topic uses, preferring one that no ended,
 * still visible topic uses either (so a new card does not look like a card that is just ending), then the
 * lowest index. With more live topics than colours, the colour used by the fewest live topics: colours then
 * repeat, but a live topic's colour still never changes.
 *
 * @param paletteSize number of colours.
 * @param liveColours colours of the live topics (one entry per topic).
 * @param endedColours colours of the ended topics still shown.
 * @example
 * pickColour(3, [0], [1]); // 2: free of live and ended topics
 * pickColour(3, [0, 2], [1]); // 1: only ended topics use it
 */
export function pickColour(paletteSize: number, liveColours: Iterable<number>, endedColours: Iterable<number>): number {
  const live = new Array<number>(paletteSize).fill(0);
  const ended = new Array<number>(paletteSize).fill(0);
  for (const c of liveColours) live[c]! += 1;
  for (const c of endedColours) ended[c]! += 1;
  let best = 0;
  for (let c = 1; c < paletteSize; c++) {
    if (live[c]! < live[best]! || (live[c] === live[best] && ended[c]! < ended[best]!)) best = c;
  }
  return best;
}

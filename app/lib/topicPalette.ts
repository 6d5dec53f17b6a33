/**
 * The fixed palette of topic colours. The server gives each live topic a palette index (`TopicCard.colour`, 0-based,
 * unique among live topics, 12 colours) that it keeps for the topic's life, so a topic looks the same across refits.
 * Each colour has a name: the swatch's text alternative.
 */
export interface TopicColour {
  /** CSS colour, chosen to read on the dark panels. */
  css: string;
  /** Plain name for screen readers and tooltips. */
  name: string;
}

export const TOPIC_PALETTE: readonly TopicColour[] = [
  { css: '#9b7bff', name: 'violet' },
  { css: '#4cc9f0', name: 'sky blue' },
  { css: '#3ddc97', name: 'green' },
  { css: '#f4b942', name: 'amber' },
  { css: '#ff6b6b', name: 'coral' },
  { css: '#ff7eb6', name: 'pink' },
  { css: '#2ec4b6', name: 'teal' },
  { css: '#ff9f43', name: 'orange' },
  { css: '#b5e655', name: 'lime' },
  { css: '#6c8cff', name: 'blue' },
  { css: '#d4a373', name: 'tan' },
  { css: '#c0c6d8', name: 'silver' },
];

/**
 * The colour of a palette index. An index outside the palette (a server with a larger palette) wraps around rather
 * than leaving the swatch blank.
 * @param index `TopicCard.colour`
 * @example topicColour(1).name // 'sky blue'
 */
export function topicColour(index: number): TopicColour {
  const n = TOPIC_PALETTE.length;
  const i = Number.isInteger(index) ? ((index % n) + n) % n : 0;
  return TOPIC_PALETTE[i]!;
}

import { Fragment, type ReactNode } from 'react';

/**
 * A translated text with some of its `{placeholders}` filled by elements (a link, a `<strong>` with a test id):
 * `t()` leaves a placeholder it has no parameter for as written, and this puts the element in its place.
 * @example interpolateNodes(t('join.joined', { state }), { channel: <Link href="/channel/x">x</Link> })
 */
export function interpolateNodes(text: string, nodes: Readonly<Record<string, ReactNode>>): ReactNode {
  const parts = text.split(/\{(\w+)\}/);
  return parts.map((part, i) => (
    // Odd parts are placeholder names (split keeps the captured group).
    <Fragment key={i}>{i % 2 === 1 ? (part in nodes ? nodes[part] : `{${part}}`) : part}</Fragment>
  ));
}

'use client';

import { useEffect, useState, type RefObject } from 'react';

/**
 * The width of an element in whole pixels (at least `min`), kept up to date with a ResizeObserver: charts draw at
 * their container's width.
 *
 * @param ref the element to measure
 * @param initial width before the first measurement
 * @example
 * const wrapRef = useRef<HTMLDivElement>(null);
 * const width = useElementWidth(wrapRef, 800);
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, initial: number, min = 320): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(min, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, min]);
  return width;
}

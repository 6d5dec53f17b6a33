'use client';

import { useEffect } from 'react';

/**
 * Keeps the document's title at `title` while the component is mounted (null: leaves it alone). A title known only
 * in the browser (a replay's stream comes over the socket) must also outlast Next.js, which sets the route's
 * metadata title when its payload arrives, possibly after this component's first effect: any later change is undone.
 */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}

'use client';

import { useEffect, useState } from 'react';
import { fetchPublicConfig } from './publicConfig';

/**
 * Whether this page may change state (the server handed it the operator token): true for an operator, false for a
 * viewer, null until the server answered. Controls for operators are hidden from viewers, who would be refused.
 */
export function useOperatorRole(): boolean | null {
  const [operator, setOperator] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    fetchPublicConfig()
      .then((c) => live && setOperator(c.operatorToken !== null))
      .catch(() => live && setOperator(false));
    return () => {
      live = false;
    };
  }, []);
  return operator;
}

import { pairAri, pairF1, samePairs } from './pairAgreement';

/** One hand-grouped window (`*.windows.json`). */
export interface AnnotatedWindow {
  from: number;
  to: number;
  messages: readonly { elapsed: number; text: string; topic: string }[];
}

export interface WindowScore {
  matched: number;
  messages: number;
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
  ari: number;
}

/** Per window, and the message-weighted means `score_windows.py` prints. */
export interface AnnotatedWindowsScore {
  windows: WindowScore[];
  matched: number;
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
  ari: number;
}

/**
 * Agreement of an analysis with windows a person grouped by hand, computed exactly as `score_windows.py`: messages
 * are matched by (whole elapsed second, trimmed text) in order; within each window pair precision, recall and F1
 * (`none` and our noise never pair) and ARI (each `none` and noise message its own singleton); then means weighted
 * by matched messages.
 *
 * @param messages the analysed messages, with the grouping to score (`moment` or `topic`; -1 noise)
 * @param windows the annotated windows
 */
export function scoreAnnotatedWindows(
  messages: readonly { elapsed: number; text: string; group: number }[],
  windows: readonly AnnotatedWindow[],
): AnnotatedWindowsScore {
  const pool = new Map<string, (number | null)[]>();
  for (const m of messages) {
    const key = `${Math.trunc(m.elapsed)}\u0000${m.text.trim()}`;
    const g = m.group < 0 ? null : m.group;
    const list = pool.get(key);
    if (list) list.push(g);
    else pool.set(key, [g]);
  }
  const rows: WindowScore[] = windows.map((w) => {
    const truth: (string | null)[] = [];
    const got: (number | null)[] = [];
    for (const m of w.messages) {
      const list = pool.get(`${Math.trunc(m.elapsed)}\u0000${m.text.trim()}`);
      if (!list || list.length === 0) continue;
      got.push(list.shift()!);
      truth.push(m.topic === 'none' ? null : m.topic);
    }
    const joint = truth.map((g, i) => (g !== null && got[i] !== null ? `${g}\u0000${got[i]}` : null));
    const { precision, recall, f1 } = pairF1(samePairs(joint), samePairs(truth), samePairs(got));
    const singles = <T>(xs: (T | null)[], tag: string) =>
      xs.map((x, i) => (x === null ? `${tag}${i}` : `=${String(x)}`));
    return {
      matched: truth.length,
      messages: w.messages.length,
      pairPrecision: precision,
      pairRecall: recall,
      pairF1: f1,
      ari: pairAri(singles(truth, 'g'), singles(got, 'o')),
    };
  });
  const n = rows.reduce((s, r) => s + r.matched, 0) || 1;
  const mean = (f: (r: WindowScore) => number) => rows.reduce((s, r) => s + f(r) * r.matched, 0) / n;
  return {
    windows: rows,
    matched: rows.reduce((s, r) => s + r.matched, 0),
    pairPrecision: mean((r) => r.pairPrecision),
    pairRecall: mean((r) => r.pairRecall),
    pairF1: mean((r) => r.pairF1),
    ari: mean((r) => r.ari),
  };
}

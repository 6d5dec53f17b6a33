/**
 * Rows of sparse vectors in compressed form: row r's entries are `ids[start[r] .. start[r + 1])` with `values`
 * alongside. Typed arrays rather than Maps, so that thousands of rows cost a few allocations.
 */
export interface SparseRows {
  start: Int32Array;
  ids: Int32Array;
  values: Float64Array;
}

/** Term counts of a list of messages over a vocabulary built once. */
export interface TermMatrix {
  /** Term id -> term. */
  vocabulary: string[];
  /** Term -> term id. */
  termIndex: Map<string, number>;
  /** One row per message: each term of the message once, with its count, in order of first occurrence. */
  rows: SparseRows;
  /** Per term id: the number of messages that contain it. */
  documentFrequency: Int32Array;
}

/**
 * Counts the terms of each message.
 * @param docTerms the terms of each message, with repeats (as `ChatTermTokenizer.terms` returns them)
 * @example buildTermMatrix([['boss', 'boss'], ['gg']]).rows.values // Float64Array [2, 1]
 */
export function buildTermMatrix(docTerms: readonly (readonly string[])[]): TermMatrix {
  const n = docTerms.length;
  let total = 0;
  for (let r = 0; r < n; r++) total += docTerms[r]!.length;
  // Pass 1: term ids of every occurrence, in one flat array.
  const termIndex = new Map<string, number>();
  const vocabulary: string[] = [];
  const occurrences = new Int32Array(total);
  let k = 0;
  for (let r = 0; r < n; r++) {
    for (const term of docTerms[r]!) {
      let id = termIndex.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        termIndex.set(term, id);
        vocabulary.push(term);
      }
      occurrences[k++] = id;
    }
  }
  // Pass 2: merge repeats within a row. `seenInRow` says in which row a term was last seen, `slot` where it went.
  const v = vocabulary.length;
  const seenInRow = new Int32Array(v).fill(-1);
  const slot = new Int32Array(v);
  const documentFrequency = new Int32Array(v);
  const start = new Int32Array(n + 1);
  const ids = new Int32Array(total);
  const values = new Float64Array(total);
  let out = 0;
  k = 0;
  for (let r = 0; r < n; r++) {
    start[r] = out;
    const end = k + docTerms[r]!.length;
    for (; k < end; k++) {
      const id = occurrences[k]!;
      if (seenInRow[id] === r) {
        values[slot[id]!]! += 1;
      } else {
        seenInRow[id] = r;
        slot[id] = out;
        ids[out] = id;
        values[out] = 1;
        documentFrequency[id]! += 1;
        out++;
      }
    }
  }
  start[n] = out;
  return {
    vocabulary,
    termIndex,
    rows: { start, ids: ids.slice(0, out), values: values.slice(0, out) },
    documentFrequency,
  };
}

/**
 * Bounded edit distance for typo-tolerant search.
 *
 * Uses the optimal-string-alignment variant of Damerau–Levenshtein: insertions, deletions,
 * substitutions and transpositions of two adjacent characters each cost 1. Transpositions matter
 * for Vietnamese typed on a phone ("sihn" for "sinh", "nhgi" for "nghi") — plain Levenshtein would
 * count those as two edits and drop them.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function growRows(size: number): void {
  rowA = new Int32Array(size * 2);
  rowB = new Int32Array(size * 2);
  rowC = new Int32Array(size * 2);
}

/**
 * Edit distance between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`.
 * Cost is O(|a|·|b|) in the worst case but returns early on the length gap and on rows whose
 * minimum already exceeds `max`, which is the common case when scanning a vocabulary.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;

  // Three rolling rows: two rows back (for transpositions), previous, current. Reused between
  // calls (the function is synchronous) so scanning a vocabulary does not allocate.
  if (lb + 1 > rowA.length) growRows(lb + 1);
  let prevPrev = rowA;
  let prev = rowB;
  let curr = rowC;
  prevPrev.fill(0, 0, lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;

  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      }
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = curr;
    curr = spare;
  }
  const d = prev[lb] ?? max + 1;
  return d > max ? max + 1 : d;
}

/** Typo tolerance for keywords: Damerau-Levenshtein distance, with a budget by word length. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * Whether a typed word is the keyword, allowing one typo in keywords of 6+ letters and two
 * in 9+. Shorter keywords must match exactly: "mean" must not swallow "Megan" or "Dean".
 */
export function looksLike(word: string, keyword: string): boolean {
  if (word === keyword) return true;
  const budget = keyword.length >= 9 ? 2 : keyword.length >= 6 ? 1 : 0;
  return budget > 0 && editDistance(word, keyword, budget) <= budget;
}

/** Edit distance, for "did you mean" hints. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidates to `word`, best first, within a distance that still looks like a typo. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const d = levenshtein(w, lc);
    const limit = Math.max(2, Math.floor(Math.max(w.length, lc.length) / 3));
    const words = w.split(/[-_\s]+/).filter((t) => t.length > 1);
    const sharesWords = words.length > 1 && words.every((t) => lc.includes(t));
    if (d <= limit || lc.includes(w) || (w.length >= 4 && w.includes(lc))) scored.push([c, lc.includes(w) ? Math.min(d, 1) : d]);
    else if (sharesWords) scored.push([c, limit + 1]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || compareText(a[0], b[0]))
    .slice(0, max)
    .map(([c]) => c);
}

/** Code-point order: stable across locales and free of the collator's start-up cost. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

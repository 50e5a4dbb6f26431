/** The offline judge's stemmer, on its own so that the vocabulary (built from stems) and the text reader can both use it. */

/** A light suffix stemmer: the same word family lands on the same stem in the answer and the reference. */
const SUFFIXES: ReadonlyArray<[string, string, number]> = [
  ['izations', '', 3], ['ization', '', 3], ['isations', '', 3], ['isation', '', 3], ['ational', 'ate', 3],
  ['ations', '', 3], ['ation', '', 3], ['itions', '', 3], ['ition', '', 3], ['ators', '', 3], ['ator', '', 3],
  ['ating', '', 3], ['ated', '', 3], ['ates', '', 3], ['ate', '', 3], ['izing', '', 4], ['ized', '', 4], ['izes', '', 4], ['ize', '', 4], ['ities', '', 3], ['ity', '', 3],
  ['ments', '', 3], ['ment', '', 3], ['ness', '', 3], ['ings', '', 3], ['ing', '', 3], ['ies', 'y', 2], ['ied', 'y', 2],
  ['ions', '', 4], ['ion', '', 4], ['ers', '', 3], ['er', '', 3], ['ed', '', 3], ['ly', '', 3], ['es', '', 3], ['s', '', 2],
];

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let w = word.replace(/'s$|'$/, '');
  if (w.length > 3 && !/(ss|us|is)$/.test(w)) {
    for (const [suffix, replacement, min] of SUFFIXES) {
      if (w.endsWith(suffix) && w.length - suffix.length >= min) {
        w = w.slice(0, w.length - suffix.length) + replacement;
        break;
      }
    }
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (stemCache.size < 50_000) stemCache.set(word, w);
  return w;
}

import type { CriterionScore } from './types.js';

/** A criterion's evidence as separate lists, whichever schema wrote it. */
export interface Evidence {
  quotes: string[];
  covered: string[];
  listed: string[];
  missed: string[];
}

const PREFIXES: ReadonlyArray<[string, keyof Evidence]> = [
  ['covered: ', 'covered'],
  ['listed, not explained: ', 'listed'],
  ['missed: ', 'missed'],
];

/**
 * The evidence of a criterion score: the fields of transcript schema 2, or, for files written before it,
 * the `evidence` strings mapped (the offline judge's "covered: ..." prefixes to their lists, anything else
 * to quotes). Pure.
 */
export function criterionEvidence(c: Partial<Pick<CriterionScore, 'quotes' | 'covered' | 'listed' | 'missed' | 'evidence'>>): Evidence {
  if (Array.isArray(c.quotes) || Array.isArray(c.covered) || Array.isArray(c.missed)) {
    return { quotes: c.quotes ?? [], covered: c.covered ?? [], listed: c.listed ?? [], missed: c.missed ?? [] };
  }
  const out: Evidence = { quotes: [], covered: [], listed: [], missed: [] };
  for (const e of c.evidence ?? []) {
    if (typeof e !== 'string') continue;
    const kind = PREFIXES.find(([prefix]) => e.startsWith(prefix));
    if (kind) out[kind[1]].push(e.slice(kind[0].length));
    else out.quotes.push(e);
  }
  return out;
}

/** A criterion score in the current shape (schema 2): legacy `evidence` mapped to its lists and dropped. Pure. */
export function upgradeCriterion<T extends Partial<CriterionScore>>(c: T): Omit<T, 'evidence'> & Evidence {
  // Already current (every score this version writes): the same object, no copy.
  if (!('evidence' in c) && Array.isArray(c.quotes) && Array.isArray(c.covered) && Array.isArray(c.listed) && Array.isArray(c.missed)) return c as Omit<T, 'evidence'> & Evidence;
  const { evidence: _legacy, ...rest } = c;
  return { ...rest, ...criterionEvidence(c) };
}

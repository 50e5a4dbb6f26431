import { stripControl } from '../text/sanitize.js';

/** Case, curly quotes, dashes and whitespace do not make a quote false. Pure. */
export function normalizeForQuote(text: string): string {
  return stripControl(text)
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b`]/g, "'")
    .replace(/[\u201c\u201d\u201f]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Models wrap quotes in quote marks and ellipses; those are not part of the candidate's words. */
function trimQuote(quote: string): string {
  return quote
    .trim()
    .replace(/^(\.\.\.|…|["'\u201c\u201d\u2018\u2019])+/, '')
    .replace(/(\.\.\.|…|["'\u201c\u201d\u2018\u2019])+$/, '')
    .trim();
}

export interface QuoteCheck {
  /** Quotes found verbatim (whitespace-normalised) in the answer, as the model gave them. */
  verified: string[];
  /** Quotes that are not in the answer, too short to mean anything, or that only quote text addressed to the grader. */
  rejected: string[];
}

/**
 * Checks each quote against the answer: a whitespace-normalised, case-insensitive substring, at least two
 * words long. A quote that lies inside text addressed to the grader (`excluded`) is not evidence. Pure.
 */
export function checkQuotes(quotes: readonly string[], answer: string, excluded: readonly string[] = []): QuoteCheck {
  const haystack = normalizeForQuote(answer);
  const bad = excluded.map(normalizeForQuote).filter((s) => s !== '');
  const verified: string[] = [];
  const rejected: string[] = [];
  for (const raw of quotes) {
    const q = normalizeForQuote(trimQuote(raw));
    const words = q.split(' ').filter((w) => /[a-z0-9]/.test(w)).length;
    const real = words >= 2 && haystack.includes(q) && !bad.some((b) => b.includes(q) || q.includes(b));
    (real ? verified : rejected).push(raw);
  }
  return { verified, rejected };
}

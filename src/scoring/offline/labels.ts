/**
 * Notes-style answers read as the sentences they stand for. Candidates in timed practice write
 * `Primary metric: conversion per 1,000 sessions` and `Guardrails: churn < 1%`; the judge reads
 * "The primary metric is conversion per 1,000 sessions" and "Guardrails we protect: churn below 1%".
 * Only the judge's reading changes: quotes keep the candidate's own words. Pure.
 */

/** A label at the start of a line or bullet, and the words it stands for. */
const LABELS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:primary|main|key|success|headline|target|goal) metric\s*[:=–—-]\s*/i, 'The primary metric is '],
  [/^(?:north[- ]star(?: metric)?|nsm)\s*[:=–—-]\s*/i, 'The north star metric is '],
  [/^(?:guardrails?|guardrail metrics?|counter[- ]?metrics?)\s*[:=–—-]\s*/i, 'Guardrails we protect: '],
  [/^(?:leading indicators?|diagnostics?|secondary metrics?|secondary)\s*[:=–—-]\s*/i, 'We also track '],
  [/^hypothes[ie]s\s*[:=–—-]\s*/i, 'Our hypothesis: we expect that '],
  [/^control(?: group| arm)?\s*[:=–—-]\s*/i, 'The control group gets '],
  [/^(?:treatment|variant)(?: group| arm)?s?\s*[:=–—-]\s*/i, 'The treatment group gets '],
  [/^(?:segments?|population|audience|cohorts?)\s*[:=–—-]\s*/i, 'The test segment is '],
  [/^(?:duration|length|timeline|sample(?: size)?|size)\s*[:=–—-]\s*/i, 'The test runs for '],
  [/^(?:success(?: criteria| rule)?\s*[:=–—-]|(?:ship|launch|win|go|roll out) if\b)\s*/i, 'We ship if '],
  [/^(?:stop(?: rule| criteria)?\s*[:=–—-]|(?:stop|kill|roll ?back|abort|pause) if\b)\s*/i, 'We stop if '],
  [/^(?:revisit(?: trigger)?\s*[:=–—-]|(?:revisit|review|reconsider) (?:if|when)\b)\s*/i, 'We revisit if '],
  [/^(?:revisit|review|reconsider) (?=after|in \d)/i, 'We revisit '],
  [/^(?:recommendation|decision|my call|call|verdict)\s*[:=–—-]\s*/i, 'I recommend: '],
  [/^(?:trade[- ]?offs?|costs?|downsides?|we give up|what we give up|give up)\s*[:=–—-]\s*/i, 'We give up '],
  [/^(?:mitigations?|mitigate)\s*[:=–—-]\s*/i, 'We mitigate this with '],
  [/^(?:assumptions?|assume|assuming)\s*[:=–—-]\s*/i, 'I assume '],
  [/^(?:risks?)\s*[:=–—-]\s*/i, 'The risk is '],
  [/^(?:goal|objective)\s*[:=–—-]\s*/i, 'The goal is '],
];

/** Symbols and shorthand, as words. */
const SYMBOLS: ReadonlyArray<[RegExp, string]> = [
  [/\s*(?:≤|<=)\s*/g, ' at most '],
  [/\s*(?:≥|>=)\s*/g, ' at least '],
  [/\s*±\s*/g, ' plus or minus '],
  [/\s*(?:->|→|=>)\s*/g, ' leads to '],
  [/(^|\s)<\s*(?=[\d$€£~])/g, '$1below '],
  [/(^|\s)>\s*(?=[\d$€£~])/g, '$1above '],
  [/(\d)\s*pp\b/gi, '$1 percentage points'],
  [/\bw\/o\b/gi, 'without'],
  [/\bw\//gi, 'with '],
  [/\s&\s/g, ' and '],
  [/\bb\/c\b/gi, 'because'],
];

/** Any character or shorthand that SYMBOLS spells out: most sentences have none ("->" has a ">"). */
const hasSymbols = (s: string): boolean => /[<>≤≥±→=&]/.test(s) || (s.includes('/') && /\bw\/|\bb\/c\b/i.test(s)) || /\dpp\b/i.test(s);

/** Symbols and shorthand of a piece of an answer spelled out. */
export function spellSymbols(segment: string): string {
  if (!hasSymbols(segment)) return segment;
  let out = segment;
  for (const [re, words] of SYMBOLS) out = out.replace(re, words);
  return out;
}

/** A colon or dash near the start, or a rule word first: only such lines can carry a label. */
const LABEL_HINT = /^[^:=–—-]{0,40}[:=–—-]|^(?:ship|launch|win|go|roll|stop|kill|abort|pause|revisit|review|reconsider)\b/i;

/** Labels of lists: every piece of the line is one more of them ("Guardrails: churn; support contacts"). */
const LIST_LABELS = new Set(['Guardrails we protect: ', 'We also track ', 'We mitigate this with ', 'We give up ', 'I assume ', 'The risk is ']);

/**
 * A line's label, spelled out, and the rest of the line: `Guardrails: churn < 1%` gives "Guardrails we
 * protect: ". `carries` when the label names a list, so later pieces of the line belong to it too.
 */
export function splitLabel(line: string): { label: string; rest: string; carries: boolean } {
  if (!LABEL_HINT.test(line)) return { label: '', rest: line, carries: false };
  for (const [re, words] of LABELS) {
    const m = re.exec(line);
    if (m) return { label: words, rest: line.slice(m[0].length), carries: LIST_LABELS.has(words) };
  }
  return { label: '', rest: line, carries: false };
}

/** One line or bullet of an answer as the judge reads it. */
export function expandNotes(segment: string): string {
  const { label, rest } = splitLabel(spellSymbols(segment));
  return (label + rest).replace(/\s{2,}/g, ' ').trim();
}

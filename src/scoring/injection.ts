/**
 * Deterministic checks that run before any judge: text addressed to the grader (a prompt injection), and
 * answers too empty to be worth sending to a model. Pure.
 */

/** Who a grader-addressed sentence speaks to; the wide list only where the phrasing is a form of address. */
const GRADER = '(?:grader|judge|evaluator|assessor|reviewer|scorer|marker)';
const ANY_GRADER = '(?:grader|judge|evaluator|assessor|reviewer|scorer|marker|ai|a\\.i\\.|llm|language model|model|assistant|chatbot|gpt)';
const PATTERNS: RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}\b(?:rubric|instructions?|prompts?|criteria|rules|guidelines|above|previous|scoring)\b/i,
  /\b(?:give|award|assign|grant|mark)\b[^.!?\n]{0,40}(?:\b5s\b|\bfives\b|\b5 ?\/ ?5\b|\b5 out of 5\b|full marks|top marks|max(?:imum)? (?:score|marks|points)|highest (?:score|marks|rating)|perfect (?:score|marks))/i,
  /\bscores? of (?:5|five)\b[^.!?\n]{0,30}\b(?:each|every|all)\b/i,
  new RegExp(`\\b(?:dear|hey|hello|hi)\\s+(?:the\\s+)?${ANY_GRADER}\\b|\\b(?:note to|attention|to)\\s+(?:the\\s+)?${GRADER}\\b`, 'i'),
  new RegExp(`\\b(?:you are|you're|as)\\s+(?:an?\\s+|the\\s+)?${ANY_GRADER}\\b[^.!?\\n]{0,40}\\b(?:must|should|will|need|score|grade|rate)`, 'i'),
  /\b(?:system prompt|system message|developer message|new instructions|jailbreak)\b|<\/?(?:system|instructions?)>|^\s*(?:system|assistant)\s*:/im,
  new RegExp(`\\b${GRADER}\\b[^.!?\\n]{0,30}\\b(?:please|must|should)\\b[^.!?\\n]{0,40}\\b(?:score|grade|rate|mark|pass)\\b`, 'i'),
];

/** Sentences and lines, for locating what a pattern matched. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * A sentence that matches a pattern makes the whole text match it too (the patterns never reach past a
 * sentence), except a line-start "system:" that follows a sentence end on the same line: one test over the
 * whole text rules most answers out before they are split.
 */
const ANYWHERE = /\b(?:system|assistant)\s*:/i;

/**
 * A word that every pattern above needs at least one of (its first alternatives, or the grader it names):
 * one pass over an answer that has none rules all the patterns out.
 */
const NEEDED = /\b(?:ignore|disregard|forget|override|bypass|give|award|assign|grant|mark|scores?|dear|hey|hello|hi|grader|judge|evaluator|assessor|reviewer|scorer|marker|ai|a\.i\.|llm|language model|model|assistant|chatbot|gpt|system|developer|new instructions|jailbreak)\b|<\/?(?:system|instructions?)>/i;

/** The sentences that speak to the grader rather than the interviewer. */
export function graderAddressed(text: string): string[] {
  if (!NEEDED.test(text)) return [];
  if (!ANYWHERE.test(text) && !PATTERNS.some((p) => p.test(text))) return [];
  return sentencesOf(text).filter((s) => PATTERNS.some((p) => p.test(s)));
}

/** Words with at least one letter or digit. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** Below this many words in all the answers together, the answer is scored at the minimum without a model. */
export const NEAR_EMPTY_WORDS = 15;

/** Empty or near-empty: nothing a judge could find evidence in. Text addressed to the grader does not count. */
export function isNearEmpty(text: string): boolean {
  return isNearEmptyWithout(text, graderAddressed(text));
}

/** `isNearEmpty` when the sentences addressed to the grader are already known. */
export function isNearEmptyWithout(text: string, addressed: readonly string[]): boolean {
  if (addressed.length === 0) return !hasWords(text, NEAR_EMPTY_WORDS);
  const drop = new Set(addressed);
  return !hasWords(sentencesOf(text).filter((s) => !drop.has(s)).join(' '), NEAR_EMPTY_WORDS);
}

/** At least `n` words (as `wordCount` counts them): stops counting at `n`. */
function hasWords(text: string, n: number): boolean {
  const word = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  let found = 0;
  while (found < n && word.exec(text) !== null) found++;
  return found >= n;
}

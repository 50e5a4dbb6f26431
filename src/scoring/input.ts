import type { ScoreInput } from './types.js';

/** All the candidate's own words, stage by stage (the clarifying questions they asked included). Pure. */
export function candidateText(input: Pick<ScoreInput, 'answers' | 'asked' | 'followup'>): string {
  const parts = [...input.asked.map((e) => e.q), ...input.answers.map((a) => a.text)];
  if (input.followup) parts.push(input.followup.answer);
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}
